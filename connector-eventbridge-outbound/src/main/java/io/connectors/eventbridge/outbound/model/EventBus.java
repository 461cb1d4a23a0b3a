package io.connectors.eventbridge.outbound.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.camunda.connector.generator.java.annotation.TemplateDiscriminatorProperty;

/**
 * Which kind of bus the task puts events on: a classic bus (rules and targets), addressed per event
 * by name or ARN as before, or a Custom Event Bus, addressed by its ARN for the whole task.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ClassicBus.class, name = EventBus.CLASSIC),
  @JsonSubTypes.Type(value = CustomEventBus.class, name = EventBus.CUSTOM_EVENT_BUS)
})
@TemplateDiscriminatorProperty(
    name = "kind",
    label = "Bus kind",
    group = "bus",
    defaultValue = Defaults.BUS_KIND,
    description =
        "Custom Event Bus – Classic routes events with rules and targets. The Custom Event Bus keeps every event, orders them per event group and drops duplicates within 5 minutes.")
public sealed interface EventBus permits ClassicBus, CustomEventBus {

  String CLASSIC = "classic";
  String CUSTOM_EVENT_BUS = "customEventBus";

  /** Deduplication IDs derived from the job: the element instance, the entry and its content. */
  String DEDUPLICATE_BY_JOB = "job";

  /** The bus hashes each entry's content (the model's {@code CONTENT_BASED}). */
  String DEDUPLICATE_BY_CONTENT = "contentBased";

  /** The process gives each event its deduplication ID. */
  String DEDUPLICATE_BY_GIVEN_ID = "givenId";
}
