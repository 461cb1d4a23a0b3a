package io.connectors.eventbridge.outbound.result;

/** The outcome of one entry: an event ID, or an AWS error code and message. */
public record EntryResult(String eventId, String errorCode, String errorMessage) {

  public static final String NOT_SENT = "NOT_SENT";

  public static EntryResult success(String eventId) {
    return new EntryResult(eventId, null, null);
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
