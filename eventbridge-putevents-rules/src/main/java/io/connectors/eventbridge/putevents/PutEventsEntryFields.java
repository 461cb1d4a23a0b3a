package io.connectors.eventbridge.putevents;

import java.util.List;

/**
 * The fields of one PutEvents entry as text, whatever shape the caller holds them in (a connector
 * task's variables, an SDK request entry, a request body on the wire).
 *
 * @param eventBusName null for the default bus
 * @param detail the JSON text, as it will be sent
 * @param resources null or empty for none
 * @param time RFC 3339 text, or null if unset
 * @param traceHeader null if unset
 */
public record PutEventsEntryFields(
    String eventBusName,
    String source,
    String detailType,
    String detail,
    List<String> resources,
    String time,
    String traceHeader) {}
