package io.connectors.eventbridge.inbound.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What happened to one event, as reported to the sender. Deliberately small: no payload, no
 * variables, no secret.
 *
 * @param index position in a batched (array) delivery; absent for a single event
 * @param eventId the event's {@code id}, when it has one
 * @param outcome a stable machine-readable word, e.g. {@code PROCESS_INSTANCE_CREATED}
 * @param replay true when the sender marked the event as replayed; absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventOutcome(
    Integer index,
    String eventId,
    int status,
    String outcome,
    String reason,
    Long processInstanceKey,
    Long messageKey,
    Boolean replay) {

  public EventOutcome withIndex(int position) {
    return new EventOutcome(
        position, eventId, status, outcome, reason, processInstanceKey, messageKey, replay);
  }

  public boolean replayed() {
    return Boolean.TRUE.equals(replay);
  }

  /** The same outcome, marked as the outcome of a replayed event. */
  public EventOutcome asReplay() {
    return new EventOutcome(
        index, eventId, status, outcome, reason, processInstanceKey, messageKey, true);
  }

  public static EventOutcome failed(String eventId, int status, String outcome, String reason) {
    return new EventOutcome(null, eventId, status, outcome, reason, null, null, null);
  }
}
