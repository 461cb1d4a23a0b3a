package io.connectors.eventbridge.inbound.binding;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.camunda.connector.api.error.ConnectorInputException;
import io.camunda.connector.api.validation.ValidationProvider;
import io.camunda.connector.feel.FeelEngineWrapper;
import io.camunda.connector.feel.jackson.JacksonModuleFeelFunction;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Reads an element's properties into our records: the one place where what Modeler writes becomes
 * what the connector sees.
 *
 * <p>Modeler writes a property as plain text ({@code false}, {@code 1048576}, {@code
 * {{secrets.KEY}}}) or, for a checkbox or number field ({@code feel: static}), as an expression
 * ({@code =false}, {@code =1048576}). The runtime's own {@code bindProperties} evaluates such
 * expressions only on fields marked {@code @FEEL}, so a Boolean checkbox arrived as the text {@code
 * "=false"} and failed activation. Here every boolean, number and choice property accepts both
 * forms: an expression is evaluated once, at activation, with the runtime's FEEL engine and no
 * variables, as the runtime does for {@code @FEEL} fields. Text is taken as it is (after secret
 * substitution), so a secret that starts with '=' is never evaluated. Expressions that run per
 * request (API key locator, role expression) are typed as functions and are bound by the runtime's
 * FEEL module, as before.
 *
 * <p>Errors name the property path and the problem, never the value: after secret substitution a
 * value may be a key.
 */
public final class ElementPropertiesBinder {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .addModule(new JacksonModuleFeelFunction())
          .addModule(new StaticFeelValues(new FeelEngineWrapper()))
          .build();

  private static final ValidationProvider VALIDATION =
      ServiceLoader.load(ValidationProvider.class, ElementPropertiesBinder.class.getClassLoader())
          .findFirst()
          .orElseThrow(
              () -> new IllegalStateException("no jakarta validation provider on the class path"));

  private ElementPropertiesBinder() {}

  /**
   * @param properties the element's properties as {@code InboundConnectorContext.getProperties()}
   *     returns them, with the runtime's secret substitution done
   * @throws ConnectorInputException naming the property and the problem, when a property cannot be
   *     read or breaks a constraint
   */
  public static <T> T bind(Map<String, Object> properties, Class<T> type) {
    T bound;
    try {
      bound = MAPPER.convertValue(properties, type);
    } catch (IllegalArgumentException conversion) {
      throw new ConnectorInputException(describe(conversion.getCause()));
    }
    VALIDATION.validate(bound);
    return bound;
  }

  private static String describe(Throwable cause) {
    if (!(cause instanceof JsonMappingException mapping)) {
      return "element properties could not be read";
    }
    String path =
        mapping.getPath().stream()
            .map(
                reference ->
                    reference.getFieldName() != null
                        ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    String problem =
        switch (mapping) {
          case StaticFeelValues.UnevaluableExpression unevaluable -> unevaluable.problem();
          case InvalidTypeIdException unknownType -> "is not one of the template's choices";
          case InvalidFormatException invalid -> expected(invalid.getTargetType());
          case MismatchedInputException mismatched -> expected(mismatched.getTargetType());
          default -> "could not be read";
        };
    return (path.isEmpty() ? "element properties" : path) + ": " + problem;
  }

  private static String expected(Class<?> target) {
    if (target == null) {
      return "has the wrong type";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "must be true or false";
    }
    if (target == Integer.class
        || target == int.class
        || target == Long.class
        || target == long.class) {
      return "must be a whole number";
    }
    if (target.isEnum()) {
      return "is not one of the template's choices";
    }
    return "has the wrong type";
  }
}
