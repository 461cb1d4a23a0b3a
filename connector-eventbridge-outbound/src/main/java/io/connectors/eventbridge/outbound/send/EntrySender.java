package io.connectors.eventbridge.outbound.send;

import io.connectors.eventbridge.outbound.metrics.OutboundMetrics;
import io.connectors.eventbridge.outbound.result.EntryResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.AbortedException;

/**
 * Sends a task's entries, on either kind of bus ({@link BusCall}), in the PutEvents calls the
 * publisher packed, and re-sends, with backoff, only the entries that failed with a retryable code.
 * A whole-request failure (network, 5xx, access denied) is left to the SDK's own retries and then
 * ends the sending, as the task's time budget does; what was put until then is kept in the answer
 * either way.
 */
public final class EntrySender {

  private final Sleeper sleeper;
  private final OutboundMetrics metrics;

  public EntrySender(Sleeper sleeper, OutboundMetrics metrics) {
    this.sleeper = sleeper;
    this.metrics = metrics;
  }

  /**
   * @param calls the task's entries, packed into PutEvents calls by the bus's quotas
   * @param policy how often, and after what pause, a rejected entry is sent again
   * @throws InterruptedException when the job is cancelled during a call or a pause
   */
  Sent send(BusCall call, List<List<PreparedEntry>> calls, RetryPolicy policy, Deadline deadline)
      throws InterruptedException {
    return new Sending(call, policy, deadline).all(calls);
  }

  private static InterruptedException interruptedBy(RuntimeException cause) {
    return (InterruptedException)
        new InterruptedException("interrupted while putting events").initCause(cause);
  }

  /** One task's sending: what it has put or been refused so far. */
  private final class Sending {

    private final BusCall call;
    private final RetryPolicy policy;
    private final Deadline deadline;
    private final Map<Integer, EntryResult> results = new HashMap<>();
    private final List<String> requestIds = new ArrayList<>();

    Sending(BusCall call, RetryPolicy policy, Deadline deadline) {
      this.call = call;
      this.policy = policy;
      this.deadline = deadline;
    }

    Sent all(List<List<PreparedEntry>> calls) throws InterruptedException {
      for (List<PreparedEntry> entries : calls) {
        if (deadline.passed()) {
          return stopped(new Stop.OutOfTime(deadline.budget()));
        }
        Stop stop;
        try {
          stop = untilFinal(entries);
        } catch (AbortedException interrupted) {
          // The SDK reports an interrupted call this way; the job is being cancelled, not failing.
          Thread.currentThread().interrupt();
          throw interruptedBy(interrupted);
        } catch (RuntimeException failed) {
          if (Thread.currentThread().isInterrupted()) {
            // The Custom Event Bus's call ends with the interrupt flag set instead.
            throw interruptedBy(failed);
          }
          stop = new Stop.RequestFailed(failed);
        }
        if (!(stop instanceof Stop.Finished)) {
          return stopped(stop);
        }
      }
      return stopped(new Stop.Finished());
    }

    /**
     * Sends one call's entries until every entry has its final result. Each final result is kept as
     * soon as it is known, so that a later call that fails as a whole does not lose what earlier
     * calls put; an entry awaiting a retry then has none: it was not sent.
     *
     * @return {@link Stop.OutOfTime} when the pause before the next retry would pass the deadline;
     *     the entries still pending then keep their last error
     */
    private Stop untilFinal(List<PreparedEntry> entries) throws InterruptedException {
      List<PreparedEntry> pending = entries;
      for (int attempt = 1; ; attempt++) {
        List<EntryResult> answered = call(pending);
        boolean lastAttempt = attempt >= policy.maxAttempts();
        Map<PreparedEntry, EntryResult> retry = new LinkedHashMap<>();
        for (int i = 0; i < answered.size(); i++) {
          EntryResult answer = answered.get(i);
          if (!lastAttempt
              && answer.failed()
              && ErrorCodes.RETRYABLE_ENTRY_CODES.contains(answer.errorCode())) {
            retry.put(pending.get(i), answer);
          } else {
            results.put(pending.get(i).index(), answer);
          }
        }
        if (retry.isEmpty()) {
          return new Stop.Finished();
        }
        Duration pause = policy.delayAfter(attempt, ThreadLocalRandom.current());
        if (!deadline.allows(pause)) {
          retry.forEach((entry, answer) -> results.put(entry.index(), answer));
          return new Stop.OutOfTime(deadline.budget());
        }
        metrics.entriesRetried(retry.size());
        sleeper.sleep(pause);
        pending = List.copyOf(retry.keySet());
      }
    }

    private List<EntryResult> call(List<PreparedEntry> pending) {
      BusCall.Answer answer;
      long start = System.nanoTime();
      try {
        answer = call.put(pending);
      } catch (RuntimeException failed) {
        metrics.call(System.nanoTime() - start, false);
        throw failed;
      }
      metrics.call(System.nanoTime() - start, true);
      if (answer.requestId() != null) {
        requestIds.add(answer.requestId());
      }
      if (answer.entries().size() != pending.size()) {
        throw new UnexpectedResponseException(
            "PutEvents answered "
                + answer.entries().size()
                + " entries for "
                + pending.size()
                + " sent");
      }
      return answer.entries();
    }

    private Sent stopped(Stop stop) {
      return new Sent(results, requestIds, stop);
    }
  }
}
