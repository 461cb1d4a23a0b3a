package io.connectors.eventbridge.outbound.send;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs entries, in order, into as few PutEvents calls as the quotas allow: at most ten entries on
 * a classic bus, a hundred on a Custom Event Bus, and at most {@code maxRequestBytes} per call.
 * Order is kept so that results map back one to one.
 */
public final class EntryBatcher {

  private EntryBatcher() {}

  /**
   * @param maxEntriesPerCall the bus's quota ({@link ClassicBusCall#MAX_ENTRIES_PER_CALL}, {@link
   *     CustomBusCall#MAX_ENTRIES_PER_CALL})
   */
  public static List<List<PreparedEntry>> chunk(
      List<PreparedEntry> entries, int maxEntriesPerCall, int maxRequestBytes) {
    List<List<PreparedEntry>> chunks = new ArrayList<>();
    List<PreparedEntry> current = new ArrayList<>(maxEntriesPerCall);
    long currentBytes = 0;
    for (PreparedEntry entry : entries) {
      boolean full =
          current.size() == maxEntriesPerCall || currentBytes + entry.sizeBytes() > maxRequestBytes;
      if (full && !current.isEmpty()) {
        chunks.add(current);
        current = new ArrayList<>(maxEntriesPerCall);
        currentBytes = 0;
      }
      current.add(entry);
      currentBytes += entry.sizeBytes();
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    return chunks;
  }
}
