package io.connectors.eventbridge.testsupport;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.connector.feel.jackson.JacksonModuleFeelFunction;
import io.camunda.connector.validation.impl.DefaultValidationProvider;
import java.util.Map;

/**
 * Binding as Camunda's connectors runtime does it: Jackson with the FEEL module and unknown
 * properties ignored, then the SDK's bean validation. The test contexts bind through this, so a
 * connector sees its input as it would in a runtime.
 */
public final class RuntimeBinding {

  /** The runtime's mapper, as far as connectors can tell. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JacksonModuleFeelFunction())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private RuntimeBinding() {}

  /** {@code source} converted to {@code type}, then validated. */
  public static <T> T bind(Object source, Class<T> type) {
    return validated(MAPPER.convertValue(source, type));
  }

  /** {@code bound}, once the SDK's bean validation passed it. */
  public static <T> T validated(T bound) {
    new DefaultValidationProvider().validate(bound);
    return bound;
  }

  /**
   * A value as the runtime's expressions see it: the runtime converts variables to maps with its
   * own mapper before evaluating anything.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> asRuntimeSeesIt(Object value) {
    return MAPPER.convertValue(value, Map.class);
  }
}
