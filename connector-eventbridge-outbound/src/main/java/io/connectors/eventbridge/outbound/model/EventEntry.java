package io.connectors.eventbridge.outbound.model;

import java.util.List;

/**
 * One PutEvents entry as the user gave it. {@code detail} is a JSON object as a map (from a FEEL
 * context) or as a string; {@link io.connectors.eventbridge.outbound.send.EntryValidator} checks
 * it.
 *
 * @param eventGroupId on a Custom Event Bus: the event's group, instead of the bus's field
 * @param deduplicationId on a Custom Event Bus that deduplicates by given IDs: the event's ID
 */
public record EventEntry(
    String eventBusName,
    String source,
    String detailType,
    Object detail,
    List<String> resources,
    String time,
    String traceHeader,
    String eventGroupId,
    String deduplicationId) {

  /** Without the Custom Event Bus's system metadata. */
  public EventEntry(
      String eventBusName,
      String source,
      String detailType,
      Object detail,
      List<String> resources,
      String time,
      String traceHeader) {
    this(eventBusName, source, detailType, detail, resources, time, traceHeader, null, null);
  }
}
