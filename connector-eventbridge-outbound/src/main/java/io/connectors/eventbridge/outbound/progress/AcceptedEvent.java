package io.connectors.eventbridge.outbound.progress;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An event EventBridge accepted in an earlier attempt of the same job.
 *
 * @param index its position in the task's input
 * @param eventId the ID EventBridge gave it
 * @param hash {@link io.connectors.eventbridge.outbound.send.PreparedEntry#hash()} of what was put,
 *     so an event whose content changed since (an operator edited the task's variables before
 *     retrying an incident) is sent again instead of being reported as put
 * @param sequenceNumber on a Custom Event Bus: what the bus answered, so the later attempt's result
 *     carries it too; null on a classic bus and in progress written before it was kept, and then
 *     absent from the job's variables, which therefore read as they did before
 * @param successCode on a Custom Event Bus: {@code PUBLISHED} or {@code DEDUPLICATED} as answered;
 *     null like {@code sequenceNumber}
 */
public record AcceptedEvent(
    int index,
    String eventId,
    String hash,
    @JsonInclude(JsonInclude.Include.NON_NULL) String sequenceNumber,
    @JsonInclude(JsonInclude.Include.NON_NULL) String successCode) {

  /** An event on a classic bus, which answers its ID alone. */
  public AcceptedEvent(int index, String eventId, String hash) {
    this(index, eventId, hash, null, null);
  }
}
