package io.connectors.eventbridge.inbound.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.camunda.connector.generator.java.annotation.TemplateProperty;
import io.camunda.connector.generator.java.annotation.TemplateProperty.DefaultValueType;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyBinding;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The element's properties as the runtime binds them, and the template generator's input.
 *
 * <p>The webhook's own settings live under {@code inbound.*} because the Spring runtime's webhook
 * registry reads the path from {@code inbound.context}.
 *
 * <p>{@code consumeUnmatchedEvents} is a runtime keyword (the runtime itself reads it when the
 * activation condition is not met). We declare it here rather than through the generator's
 * acknowledgement feature because that one defaults to consuming, which would silently swallow
 * events that match nothing; the issue wants 422 unless the user opts in to 202.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookElementProperties(
    @Valid @NotNull EventBridgeWebhookProperties inbound,
    @TemplateProperty(
            id = "consumeUnmatchedEvents",
            label = "Consume unmatched events",
            group = "filter",
            type = PropertyType.Boolean,
            defaultValue = "false",
            defaultValueType = DefaultValueType.Boolean,
            binding = @PropertyBinding(name = "consumeUnmatchedEvents"),
            optional = true,
            description =
                "When checked, events that fail the activation condition or the event pattern are"
                    + " answered 202 and dropped; otherwise 422, which the sender does not retry")
        Boolean consumeUnmatchedEvents) {

  public boolean consumesUnmatched() {
    return Boolean.TRUE.equals(consumeUnmatchedEvents);
  }
}
