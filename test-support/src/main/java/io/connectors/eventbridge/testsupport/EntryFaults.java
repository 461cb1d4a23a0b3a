package io.connectors.eventbridge.testsupport;

import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.IntUnaryOperator;

/**
 * Which entries the fake rejects. Events are told apart by {@code detail.n} (the tests' convention;
 * {@link SentEntry#NO_N} for events without one), and sends are counted per event from 1, so a test
 * can say "event 3 fails on its first two sends" and check what a retry resends.
 */
@FunctionalInterface
public interface EntryFaults {

  EntryFaults NONE = (n, send) -> Optional.empty();

  /** Called once per entry of every call, in request order. */
  Optional<EntryError> errorFor(int n, int send);

  /** Event {@code n} is throttled on its first {@code throttledSends.applyAsInt(n)} sends. */
  static EntryFaults throttleFirstSends(IntUnaryOperator throttledSends) {
    return throttleWhen((n, send) -> send <= throttledSends.applyAsInt(n));
  }

  /** Send {@code send} of event {@code n} is throttled when the predicate holds. */
  static EntryFaults throttleWhen(BiPredicate<Integer, Integer> throttled) {
    return (n, send) ->
        throttled.test(n, send) ? Optional.of(EntryError.THROTTLED) : Optional.empty();
  }

  /** Every send of every entry fails with this error. */
  static EntryFaults always(EntryError error) {
    return (n, send) -> Optional.of(error);
  }
}
