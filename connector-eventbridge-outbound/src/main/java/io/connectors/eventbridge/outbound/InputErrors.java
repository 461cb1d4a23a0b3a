package io.connectors.eventbridge.outbound;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import io.camunda.connector.api.error.ConnectorInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites binding failures and constraint violations into messages that name the field path the
 * user typed ({@code event.events}) and say what it must be, without Java class or exception names:
 * those mean nothing in Operate. Built from the exceptions' and violations' structure (types,
 * paths, the constraint's own message), never from their text.
 */
final class InputErrors {

  private InputErrors() {}

  /** A failure of the runtime to read the variables into the request. */
  static ConnectorInputException translate(ConnectorInputException failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JsonMappingException mapping) {
        return invalid(List.of(mappingMessage(mapping)), failure);
      }
    }
    return failure;
  }

  /** The request's constraint violations, ordered by path so that the message is stable. */
  static ConnectorInputException invalid(Set<? extends ConstraintViolation<?>> violations) {
    return invalid(
        violations.stream()
            .map(violation -> path(violation.getPropertyPath()) + ": " + violation.getMessage())
            .sorted(Comparator.naturalOrder())
            .toList(),
        null);
  }

  private static ConnectorInputException invalid(List<String> messages, Throwable cause) {
    return new ConnectorInputException("Invalid input: " + String.join("; ", messages), cause);
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

  /** {@code configuration.region}: a violation's path as the template's bindings name it. */
  private static String path(Path propertyPath) {
    StringBuilder path = new StringBuilder();
    for (Path.Node node : propertyPath) {
      if (node.getIndex() != null) {
        path.append('[').append(node.getIndex()).append(']');
      }
      if (node.getName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(node.getName());
      }
    }
    return path.isEmpty() ? "input" : path.toString();
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
