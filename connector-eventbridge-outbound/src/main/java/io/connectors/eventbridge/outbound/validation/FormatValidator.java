package io.connectors.eventbridge.outbound.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.regex.Pattern;

/** Checks {@link Format}; the pattern is compiled once per annotated field. */
public final class FormatValidator implements ConstraintValidator<Format, String> {

  private Pattern pattern;

  @Override
  public void initialize(Format format) {
    pattern = Pattern.compile(format.regexp());
  }

  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    return value == null || value.isEmpty() || pattern.matcher(value).matches();
  }
}
