package io.connectors.eventbridge.outbound.model;

import java.util.List;

/**
 * One PutEvents entry as the user gave it. {@code detail} is a JSON object as a map (from a FEEL
 * context) or as a string; {@link io.connectors.eventbridge.outbound.send.EntryValidator} checks
 * it.
 */
public record EventEntry(
    String eventBusName,
    String source,
    String detailType,
    Object detail,
    List<String> resources,
    String time,
    String traceHeader) {}
