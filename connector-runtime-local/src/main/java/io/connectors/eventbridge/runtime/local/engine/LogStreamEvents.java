package io.connectors.eventbridge.runtime.local.engine;

import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.UnifiedRecordValue;
import io.camunda.zeebe.protocol.impl.record.value.deployment.ProcessRecord;
import io.camunda.zeebe.protocol.impl.record.value.job.JobBatchRecord;
import io.camunda.zeebe.protocol.impl.record.value.job.JobRecord;
import io.camunda.zeebe.protocol.impl.record.value.processinstance.ProcessInstanceRecord;
import io.camunda.zeebe.protocol.impl.record.value.variable.VariableRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads events straight from the engine's log with a reader of its own, decoding only the value
 * types asked for and keeping nothing.
 *
 * <p>The engine's record stream source, by contrast, decodes every record into an object graph and
 * keeps all of them for the engine's lifetime; polled twice a second it filled a 512 MiB heap after
 * about 5,000 process instances. The log itself (serialised records) stays, as the in-memory engine
 * never compacts it.
 */
final class LogStreamEvents implements EngineEvents {

  private static final Map<ValueType, Supplier<UnifiedRecordValue>> DECODERS =
      Map.of(
          ValueType.PROCESS, ProcessRecord::new,
          ValueType.PROCESS_INSTANCE, ProcessInstanceRecord::new,
          ValueType.VARIABLE, VariableRecord::new,
          ValueType.JOB, JobRecord::new,
          ValueType.JOB_BATCH, JobBatchRecord::new);

  private final LogStreamReader reader;
  private final RecordMetadata metadata = new RecordMetadata();

  LogStreamEvents(LogStream logStream) {
    this.reader = logStream.newLogStreamReader();
    reader.seekToFirstEvent();
  }

  static boolean canDecode(Set<ValueType> valueTypes) {
    return DECODERS.keySet().containsAll(valueTypes);
  }

  @Override
  public void readNew(Set<ValueType> valueTypes, Consumer consumer) {
    while (reader.hasNext()) {
      LoggedEvent event = reader.next();
      metadata.reset();
      event.readMetadata(metadata);
      if (metadata.getRecordType() == RecordType.EVENT
          && valueTypes.contains(metadata.getValueType())) {
        UnifiedRecordValue value = DECODERS.get(metadata.getValueType()).get();
        event.readValue(value);
        consumer.accept(
            metadata.getValueType(),
            metadata.getIntent(),
            event.getKey(),
            event.getTimestamp(),
            value);
      }
    }
  }
}
