package io.connectors.eventbridge.outbound.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.camunda.connector.generator.java.annotation.TemplateDiscriminatorProperty;
import java.util.List;

/** One event, or a list of events sent in as few PutEvents calls as the quotas allow. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "mode")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SingleEvent.class, name = EventInput.SINGLE),
  @JsonSubTypes.Type(value = EventBatch.class, name = EventInput.BATCH)
})
@TemplateDiscriminatorProperty(
    name = "mode",
    label = "Mode",
    group = "event",
    defaultValue = EventInput.SINGLE,
    description = "Put one event, or a list of events from a FEEL expression.")
public sealed interface EventInput permits SingleEvent, EventBatch {

  String SINGLE = "single";
  String BATCH = "batch";

  /** The entries in request order, each with the path that names it in error messages. */
  List<PathedEntry> entries();

  /** How error messages name the input as a whole. */
  String path();

  record PathedEntry(String path, EventEntry entry) {}
}
