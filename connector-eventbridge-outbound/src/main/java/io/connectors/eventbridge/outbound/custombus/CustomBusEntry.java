package io.connectors.eventbridge.outbound.custombus;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One event of a PutEvents call (shape {@code PutEventsRequestEntry} with its {@code
 * SystemMetadata}). Optional members are null when absent.
 *
 * @param detail the event payload as a JSON text; the model marks it sensitive
 * @param time when the event occurred; the bus uses its receiving time when null
 * @param eventGroupId FIFO ordering group, or null
 * @param deduplicationId the caller's deduplication token, or null
 */
public record CustomBusEntry(
    String source,
    String detailType,
    String detail,
    List<String> resources,
    Instant time,
    String eventGroupId,
    String deduplicationId) {

  public CustomBusEntry {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(detailType, "detailType");
    resources = resources == null ? List.of() : List.copyOf(resources);
  }

  boolean hasSystemMetadata() {
    return eventGroupId != null || deduplicationId != null;
  }

  /** Leaves the payload out: the model marks {@code Detail} sensitive. */
  @Override
  public String toString() {
    return "CustomBusEntry[source="
        + source
        + ", detailType="
        + detailType
        + ", detail="
        + (detail == null ? "null" : "<redacted>")
        + ", resources="
        + resources
        + ", time="
        + time
        + ", eventGroupId="
        + eventGroupId
        + ", deduplicationId="
        + deduplicationId
        + "]";
  }
}
