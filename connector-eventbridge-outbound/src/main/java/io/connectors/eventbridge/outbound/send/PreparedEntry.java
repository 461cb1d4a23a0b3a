package io.connectors.eventbridge.outbound.send;

import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * A validated entry, ready for the wire.
 *
 * @param index position in the task's input, so results can be put back in request order
 * @param path how error messages name it, e.g. {@code event.events[3]}
 * @param sizeBytes its size by AWS's PutEvents entry-size formula
 */
public record PreparedEntry(int index, String path, PutEventsRequestEntry entry, int sizeBytes) {

  /** AWS's documented formula: 14 bytes for Time if set, plus the UTF-8 bytes of the text fields. */
  public static int sizeOf(PutEventsRequestEntry entry) {
    int size = entry.time() == null ? 0 : 14;
    size += Utf8.length(entry.source());
    size += Utf8.length(entry.detailType());
    size += Utf8.length(entry.detail());
    if (entry.hasResources()) {
      for (String resource : entry.resources()) {
        size += Utf8.length(resource);
      }
    }
    return size;
  }
}
