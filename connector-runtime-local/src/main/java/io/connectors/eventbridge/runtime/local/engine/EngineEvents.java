package io.connectors.eventbridge.runtime.local.engine;

import io.camunda.zeebe.protocol.record.RecordValue;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import java.util.Set;

/**
 * The events the engine has committed, read incrementally: each call hands over only what was added
 * since the previous call. Not thread-safe; a single reader serialises its calls.
 */
public interface EngineEvents {

  /** Passes each new event of the given value types to {@code consumer}, in log order. */
  void readNew(Set<ValueType> valueTypes, Consumer consumer);

  /** Receives one committed event. */
  @FunctionalInterface
  interface Consumer {
    void accept(ValueType valueType, Intent intent, long key, long timestamp, RecordValue value);
  }
}
