package io.connectors.eventbridge.testsupport;

/**
 * How PutEvents rejects a single entry while accepting the others (HTTP 200, an ErrorCode in that
 * entry's result).
 */
public record EntryError(String code, String message) {

  /** What EventBridge answers for an entry over the account's PutEvents rate. */
  public static final EntryError THROTTLED = new EntryError("ThrottlingException", "Rate exceeded");
}
