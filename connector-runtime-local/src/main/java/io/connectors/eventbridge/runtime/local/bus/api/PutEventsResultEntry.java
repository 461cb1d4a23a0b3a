package io.connectors.eventbridge.runtime.local.bus.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of a PutEvents response: an event id, or an error code and message. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PutEventsResultEntry(
    @JsonProperty("EventId") String eventId,
    @JsonProperty("ErrorCode") String errorCode,
    @JsonProperty("ErrorMessage") String errorMessage) {

  public static PutEventsResultEntry accepted(String eventId) {
    return new PutEventsResultEntry(eventId, null, null);
  }

  public static PutEventsResultEntry failed(EntryError error) {
    return new PutEventsResultEntry(null, error.code(), error.message());
  }

  @JsonIgnore
  public boolean isFailure() {
    return errorCode != null;
  }
}
