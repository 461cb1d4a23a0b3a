package io.connectors.eventbridge.outbound.result;

/** The outcome of one entry: an event ID, or an AWS error code and message. */
public record EntryResult(String eventId, String errorCode, String errorMessage) {

  public static EntryResult success(String eventId) {
    return new EntryResult(eventId, null, null);
  }

  public static EntryResult failure(String errorCode, String errorMessage) {
    return new EntryResult(null, errorCode, errorMessage);
  }

  public boolean failed() {
    return errorCode != null;
  }
}
