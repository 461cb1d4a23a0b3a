package io.connectors.eventbridge.outbound.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of one entry: an event ID, or an AWS error code and message.
 *
 * @param sequenceNumber on a Custom Event Bus: the event's place in its event group; absent (not
 *     null) from the variables otherwise, so results on a classic bus read as they always did
 * @param successCode on a Custom Event Bus: {@value #PUBLISHED}, or {@value #DEDUPLICATED} when the
 *     bus already had the event (put by an earlier attempt within its deduplication window), which
 *     is a success as well; absent otherwise
 */
public record EntryResult(
    String eventId,
    String errorCode,
    String errorMessage,
    @JsonInclude(JsonInclude.Include.NON_NULL) String sequenceNumber,
    @JsonInclude(JsonInclude.Include.NON_NULL) String successCode) {

  public static final String NOT_SENT = "NOT_SENT";
  public static final String PUBLISHED = "PUBLISHED";
  public static final String DEDUPLICATED = "DEDUPLICATED";

  public EntryResult(String eventId, String errorCode, String errorMessage) {
    this(eventId, errorCode, errorMessage, null, null);
  }

  public static EntryResult success(String eventId) {
    return new EntryResult(eventId, null, null);
  }

  /** Accepted by a Custom Event Bus, {@link #PUBLISHED} or {@link #DEDUPLICATED}. */
  public static EntryResult onCustomBus(String eventId, String sequenceNumber, String successCode) {
    return new EntryResult(eventId, null, null, sequenceNumber, successCode);
  }

  public static EntryResult failure(String errorCode, String errorMessage) {
    return new EntryResult(null, errorCode, errorMessage);
  }

  /**
   * An entry this job attempt did not send, because the task stopped first (a whole-request failure
   * or the time budget). {@link #NOT_SENT} is not an AWS code; a job retry sends these entries.
   */
  public static EntryResult notSent(String reason) {
    return new EntryResult(null, NOT_SENT, reason);
  }

  public boolean failed() {
    return errorCode != null;
  }
}
