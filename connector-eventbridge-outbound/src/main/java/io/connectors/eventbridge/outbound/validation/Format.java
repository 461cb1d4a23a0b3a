package io.connectors.eventbridge.outbound.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The value, once the engine has evaluated FEEL and the runtime has replaced secrets, must match
 * {@link #regexp()}; an empty value passes (required fields say so with {@code @NotBlank}).
 *
 * <p>Not jakarta's {@code @Pattern} on purpose: the template generator copies that into the
 * template, where Modeler tests it against what the user typed. A typed {@code
 * {{secrets.AWS_REGION}}} or {@code =region} is a legitimate value that no format pattern matches,
 * and Modeler flags an untouched optional field as if its value were the text "undefined". So
 * formats are checked here, before any call, naming the field.
 */
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
@Constraint(validatedBy = FormatValidator.class)
public @interface Format {

  String regexp();

  String message();

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
