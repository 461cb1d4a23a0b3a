package io.connectors.eventbridge.runtime.local.engine;

import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import java.util.Set;

/**
 * Reads events through the engine's record stream source: the public way, used when the engine's
 * log cannot be reached. It keeps every record in memory (see {@link LogStreamEvents}).
 */
final class RecordStreamEvents implements EngineEvents {

  private final GuardedRecordStream records;
  private int seen;

  RecordStreamEvents(GuardedRecordStream records) {
    this.records = records;
  }

  @Override
  public void readNew(Set<ValueType> valueTypes, Consumer consumer) {
    var fresh = records.recordsFrom(seen);
    seen += fresh.size();
    for (Record<?> record : fresh) {
      if (record.getRecordType() == RecordType.EVENT
          && valueTypes.contains(record.getValueType())) {
        consumer.accept(
            record.getValueType(),
            record.getIntent(),
            record.getKey(),
            record.getTimestamp(),
            record.getValue());
      }
    }
  }
}
