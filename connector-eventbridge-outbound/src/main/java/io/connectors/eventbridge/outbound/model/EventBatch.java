package io.connectors.eventbridge.outbound.model;

import io.camunda.connector.generator.dsl.Property.FeelMode;
import io.camunda.connector.generator.java.annotation.TemplateProperty;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyConstraints;
import java.util.ArrayList;
import java.util.List;

@io.camunda.connector.generator.java.annotation.TemplateSubType(
    id = EventInput.BATCH,
    label = "Batch of events")
public record EventBatch(
    @TemplateProperty(
            group = "batch",
            label = "Events",
            feel = FeelMode.required,
            description =
                "A FEEL list of contexts with the fields of a single event: eventBusName, source, detailType, detail, resources, time, traceHeader. "
                    + "Example: =for item in items return {source: \"com.example.orders\", detailType: \"OrderPlaced\", detail: item}",
            constraints = @PropertyConstraints(notEmpty = true))
        List<EventEntry> events)
    implements EventInput {

  @Override
  public String path() {
    return "event.events";
  }

  @Override
  public List<PathedEntry> entries() {
    if (events == null) {
      return List.of();
    }
    List<PathedEntry> entries = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      entries.add(new PathedEntry("event.events[" + i + "]", events.get(i)));
    }
    return entries;
  }
}
