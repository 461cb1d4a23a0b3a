package io.connectors.eventbridge.outbound.send;

import io.connectors.eventbridge.putevents.PutEventsRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs entries, in order, into as few PutEvents calls as the quotas allow: at most ten entries and
 * at most {@code maxRequestBytes} per call. Order is kept so that results map back one to one.
 */
public final class EntryBatcher {

  public static final int MAX_ENTRIES_PER_CALL = PutEventsRules.MAX_ENTRIES;

  private EntryBatcher() {}

  public static List<List<PreparedEntry>> chunk(List<PreparedEntry> entries, int maxRequestBytes) {
    List<List<PreparedEntry>> chunks = new ArrayList<>();
    List<PreparedEntry> current = new ArrayList<>(MAX_ENTRIES_PER_CALL);
    long currentBytes = 0;
    for (PreparedEntry entry : entries) {
      boolean full =
          current.size() == MAX_ENTRIES_PER_CALL
              || currentBytes + entry.sizeBytes() > maxRequestBytes;
      if (full && !current.isEmpty()) {
        chunks.add(current);
        current = new ArrayList<>(MAX_ENTRIES_PER_CALL);
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
