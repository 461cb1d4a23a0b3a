package io.connectors.eventbridge.runtime.local.bus.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A PutEvents response: entries in request order, with the number that failed. */
public record PutEventsResponse(
    @JsonProperty("FailedEntryCount") int failedEntryCount,
    @JsonProperty("Entries") List<PutEventsResultEntry> entries) {

  public static PutEventsResponse of(List<PutEventsResultEntry> entries) {
    int failed = (int) entries.stream().filter(PutEventsResultEntry::isFailure).count();
    return new PutEventsResponse(failed, List.copyOf(entries));
  }
}
