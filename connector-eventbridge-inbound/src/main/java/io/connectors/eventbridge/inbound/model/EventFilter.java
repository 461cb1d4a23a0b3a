package io.connectors.eventbridge.inbound.model;

import io.camunda.connector.generator.dsl.Property.FeelMode;
import io.camunda.connector.generator.java.annotation.TemplateProperty;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyType;

/** The optional event-pattern filter, evaluated beside the runtime's FEEL activation condition. */
public record EventFilter(
    @TemplateProperty(
            id = "eventPattern",
            label = "Event pattern",
            group = "filter",
            type = PropertyType.Text,
            optional = true,
            feel = FeelMode.disabled,
            description =
                "An EventBridge event pattern, as in a rule (for example"
                    + " <code>{\"source\": [\"com.example.orders\"]}</code>). Events that do not"
                    + " match are answered like an unmet activation condition: 422, or 202 when"
                    + " unmatched events are consumed")
        String eventPattern) {}
