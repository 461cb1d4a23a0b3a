package io.connectors.eventbridge.runtime.local.bus.api;

/** A per-entry PutEvents error, with the code and message AWS uses for the same problem. */
public record EntryError(String code, String message) {

  public static EntryError invalidArgument(String parameter, String reason) {
    return new EntryError(
        "InvalidArgument", "Parameter " + parameter + " is not valid. Reason: " + reason);
  }

  public static EntryError malformedDetail() {
    return new EntryError("MalformedDetail", "Detail is malformed.");
  }

  public static EntryError notAuthorizedForSource() {
    return new EntryError("NotAuthorizedForSourceException", "Not authorized for the source.");
  }
}
