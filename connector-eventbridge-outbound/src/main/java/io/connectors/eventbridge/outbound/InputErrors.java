package io.connectors.eventbridge.outbound;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import io.camunda.connector.api.error.ConnectorInputException;
import jakarta.validation.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the runtime's binding and validation failures into messages that name the field path the
 * user typed ({@code event.events}) and say what it must be, without Java class or exception names:
 * those mean nothing in Operate.
 */
final class InputErrors {

  /** How the connector SDK's validation provider words one violation. */
  private static final Pattern VIOLATION =
      Pattern.compile("- Property: (\\S+): Validation failed\\. Original message: (.*)");

  private InputErrors() {}

  static ConnectorInputException translate(ConnectorInputException failure) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = failure;
        t != null && messages.isEmpty();
        t = t.getCause() == t ? null : t.getCause()) {
      switch (t) {
        case ValidationException validation -> messages.addAll(violations(validation.getMessage()));
        case JsonMappingException mapping -> messages.add(mappingMessage(mapping));
        default -> {}
      }
    }
    if (messages.isEmpty()) {
      return failure;
    }
    return new ConnectorInputException("Invalid input: " + String.join("; ", messages), failure);
  }

  private static List<String> violations(String message) {
    List<String> violations = new ArrayList<>();
    if (message != null) {
      Matcher matcher = VIOLATION.matcher(message);
      while (matcher.find()) {
        violations.add(matcher.group(1) + ": " + matcher.group(2).strip());
      }
    }
    return violations;
  }

  private static String mappingMessage(JsonMappingException mapping) {
    String path = path(mapping.getPath());
    return switch (mapping) {
      case InvalidTypeIdException typeId ->
          path
              + ": must be one of the modes the template offers, not \""
              + typeId.getTypeId()
              + "\"";
      case PropertyBindingException unknown -> path + ": is not a field of this connector";
      case MismatchedInputException mismatch -> path + ": " + expected(mismatch.getTargetType());
      default -> path + ": cannot be read as the template describes it";
    };
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "has the wrong type";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "must be a list, e.g. a FEEL list of contexts =[{source: \"com.example\", detailType: \"T\", detail: {}}]";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "must be a number";
    }
    if (type == String.class) {
      return "must be text";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord() || type.isInterface()) {
      return "must be a context (an object with fields)";
    }
    return "has the wrong type";
  }

  /** {@code event.events[2].resources}: the path as the template's bindings name it. */
  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "input" : path.toString();
  }
}
