package io.connectors.eventbridge.testsupport;

import java.util.Optional;
import java.util.function.IntPredicate;

/** Which calls the fake fails as a whole; calls are counted from 1 across the fake's life. */
@FunctionalInterface
public interface CallFaults {

  CallFaults NONE = call -> Optional.empty();

  /** Called once per call, before its entries are looked at. */
  Optional<CallError> errorFor(int call);

  /** Calls for which the predicate holds fail with the error. */
  static CallFaults when(IntPredicate fails, CallError error) {
    return call -> fails.test(call) ? Optional.of(error) : Optional.empty();
  }

  /** Every call fails with the error. */
  static CallFaults always(CallError error) {
    return call -> Optional.of(error);
  }
}
