package io.connectors.eventbridge.runtime.local.bus.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One entry of a PutEvents request, as sent on the wire (AWS JSON 1.1).
 *
 * @param time as the SDK sends it: epoch seconds (a number) or an RFC 3339 string; null if unset
 */
public record PutEventsEntry(
    String source,
    String detailType,
    String detail,
    String eventBusName,
    List<String> resources,
    JsonNode time,
    String traceHeader) {}
