package io.connectors.eventbridge.runtime.local.engine;

import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.protocol.record.Record;
import java.util.ArrayList;
import java.util.List;

/**
 * Thread-safe view of the in-memory engine's record stream.
 *
 * <p>The engine's own source appends to a plain list on every read and hands out a live view of it,
 * so two threads reading at once (the connector importer and a test, say) can corrupt or abort each
 * other's iteration. Every reader goes through this class, which reads and copies under one lock.
 */
public final class GuardedRecordStream implements RecordStreamSource {

  private final RecordStreamSource source;
  private final Object lock = new Object();

  GuardedRecordStream(RecordStreamSource source) {
    this.source = source;
  }

  /** A snapshot of every record so far. */
  @Override
  public Iterable<Record<?>> getRecords() {
    return recordsFrom(0);
  }

  /**
   * The records at and after {@code index} (the number of records a caller has already seen), so
   * that a poller copies only what is new.
   */
  public List<Record<?>> recordsFrom(int index) {
    synchronized (lock) {
      var all = source.getRecords();
      if (all instanceof List<Record<?>> list) {
        return index >= list.size() ? List.of() : new ArrayList<>(list.subList(index, list.size()));
      }
      var copy = new ArrayList<Record<?>>();
      int position = 0;
      for (Record<?> record : all) {
        if (position++ >= index) {
          copy.add(record);
        }
      }
      return copy;
    }
  }
}
