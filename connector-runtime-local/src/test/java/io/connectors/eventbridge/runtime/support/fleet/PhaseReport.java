package io.connectors.eventbridge.runtime.support.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one load phase did, from the sender's records and the engine's.
 *
 * @param phase the phase's name
 * @param fault what happened to the fleet during it
 * @param offeredPerSecond the open loop's rate (0 for a closed loop)
 * @param windowSeconds the sending window
 * @param sent events sent
 * @param delivered events answered 2xx
 * @param dropped events answered a status EventBridge does not retry (a 4xx other than 429)
 * @param droppedBy the final answers of the dropped events, e.g. {@code "404 NOT_FOUND" -> 12}
 * @param expired events never delivered: still failing when their attempts or age ran out
 * @param lost events without an instance in the engine at the end, whatever their answers
 * @param lostDelivered of those, answered 2xx (the answer contradicts the engine)
 * @param lostDropped of those, dropped
 * @param lostExpired of those, expired
 * @param duplicated events with more than one instance in the engine
 * @param contradictions events whose answers contradict what the engine did: a {@code DUPLICATE}
 *     (or an instance) with no success and nothing but "no effect" answers before it (429, 503
 *     {@code NOT_ATTEMPTED}, 4xx, refused connections); a timeout, a broken connection or a 503
 *     {@code OUTCOME_UNKNOWN} / {@code ENGINE_UNAVAILABLE} before it explains the duplicate
 * @param contradictedBy the webhook handler's "no effect" answers that were contradicted, by answer
 *     (a refused connection, the limiter's 429 or a 404 never reached the handler, so they are
 *     never counted here; "unexplained" if no handler answered before the effect)
 * @param outcomeUnknown503 attempts answered 503 {@code OUTCOME_UNKNOWN} (not a contradiction)
 * @param attempts attempts of all events
 * @param attemptsPerEvent attempts per event sent
 * @param maxAttemptsOfAnEvent the most attempts one event took
 * @param goodputPerSecond events delivered within the sending window, per second of it
 * @param goodputVsKnee goodput divided by the knee (null while the knee is measured)
 * @param deliveredP50Millis the delivered events' time from due time to the successful answer
 * @param deliveredP99Millis likewise, 99th percentile
 * @param answers429 attempts answered 429
 * @param answer429P99Millis the 429 answers' time from request to answer, 99th percentile
 * @param answers503 attempts answered 503
 * @param timeouts attempts without an answer within the attempt timeout
 * @param share503OrTimeout {@code (answers503 + timeouts) / attempts}
 * @param admittedP99Millis attempts answered other than 429: time from request to answer, p99
 * @param senderLagP99Millis first attempts: time from due time to the request, p99 (the sender's
 *     own lateness, part of every latency above)
 * @param senderCpuShare the share of the machine's cores the sender used in the sending window, a
 *     lower bound ({@link MachineCpu}); -1 if unknown. In production EventBridge sends from
 *     machines of its own; here the sender takes this share from the engine and the replicas
 * @param localModeCpuShare likewise, local mode: the engine, its own runtime, the stand-in REST API
 * @param replicasCpuShare likewise, the production replicas
 * @param answers every answer, e.g. {@code "200 MESSAGE_PUBLISHED" -> 950}
 * @param attemptsByReplica attempts per balancer target
 * @param timeline answers per second of the phase (by when they came), e.g. {@code "3s" -> {"200":
 *     20, "503": 4}}: shows when during a fault things went wrong
 * @param examples a few events worth a look (dropped, lost, duplicated, contradicted)
 */
public record PhaseReport(
    String phase,
    String fault,
    double offeredPerSecond,
    double windowSeconds,
    int sent,
    int delivered,
    int dropped,
    Map<String, Integer> droppedBy,
    int expired,
    int lost,
    int lostDelivered,
    int lostDropped,
    int lostExpired,
    int duplicated,
    int contradictions,
    Map<String, Integer> contradictedBy,
    int outcomeUnknown503,
    int attempts,
    double attemptsPerEvent,
    int maxAttemptsOfAnEvent,
    double goodputPerSecond,
    Double goodputVsKnee,
    double deliveredP50Millis,
    double deliveredP99Millis,
    int answers429,
    double answer429P99Millis,
    int answers503,
    int timeouts,
    double share503OrTimeout,
    double admittedP99Millis,
    double senderLagP99Millis,
    double senderCpuShare,
    double localModeCpuShare,
    double replicasCpuShare,
    Map<String, Integer> answers,
    Map<String, Integer> attemptsByReplica,
    Map<String, Map<String, Integer>> timeline,
    List<String> examples) {

  private static final int EXAMPLES = 12;

  /** How long delivered events may take to show their instance in the engine's records. */
  private static final Duration EFFECTS = Duration.ofSeconds(15);

  /**
   * Builds the report of a phase whose events are all final, reading the engine's records first.
   *
   * @param knee the knee's goodput, or null while measuring it
   */
  public static PhaseReport of(LoadPhase phase, String fault, EngineLedger ledger, Double knee) {
    var events = phase.events();
    ledger.awaitEffects(
        events.stream()
            .filter(event -> event.result() == SentEvent.Result.DELIVERED)
            .map(SentEvent::id)
            .toList(),
        EFFECTS);
    int delivered = 0;
    int dropped = 0;
    int expired = 0;
    int lost = 0;
    int lostDelivered = 0;
    int lostDropped = 0;
    int lostExpired = 0;
    int duplicated = 0;
    int contradictions = 0;
    int outcomeUnknown = 0;
    int attempts = 0;
    int maxAttempts = 0;
    int inWindow = 0;
    int answers429 = 0;
    int answers503 = 0;
    int timeouts = 0;
    var droppedBy = new TreeMap<String, Integer>();
    var contradictedBy = new TreeMap<String, Integer>();
    var answers = new TreeMap<String, Integer>();
    var byReplica = new TreeMap<String, Integer>();
    var timeline = new TreeMap<Long, Map<String, Integer>>();
    var deliveredLatency = new ArrayList<Double>();
    var latency429 = new ArrayList<Double>();
    var admittedLatency = new ArrayList<Double>();
    var senderLag = new ArrayList<Double>();
    var examples = new ArrayList<String>();
    for (var event : events) {
      var tried = event.attempts();
      var result = event.result();
      int instances = ledger.instancesOf(event.id());
      attempts += tried.size();
      maxAttempts = Math.max(maxAttempts, tried.size());
      if (!tried.isEmpty()) {
        senderLag.add((tried.getFirst().sentNanos() - event.dueNanos()) / 1e6);
      }
      for (var attempt : tried) {
        answers.merge(attempt.answer(), 1, Integer::sum);
        byReplica.merge(attempt.replica(), 1, Integer::sum);
        timeline
            .computeIfAbsent(
                (attempt.answeredNanos() - phase.startNanos()) / 1_000_000_000L,
                second -> new TreeMap<>())
            .merge(
                attempt.status() == Attempt.NO_ANSWER
                    ? attempt.outcome()
                    : String.valueOf(attempt.status()),
                1,
                Integer::sum);
        if (attempt.status() == 429) {
          answers429++;
          latency429.add(attempt.latencyMillis());
        } else if (attempt.status() != Attempt.NO_ANSWER) {
          admittedLatency.add(attempt.latencyMillis());
        }
        if (attempt.status() == 503) {
          answers503++;
          if (Attempt.OUTCOME_UNKNOWN.equals(attempt.outcome())) {
            outcomeUnknown++;
          }
        }
        if ("TIMEOUT".equals(attempt.outcome())) {
          timeouts++;
        }
      }
      String problem = null;
      switch (result) {
        case DELIVERED -> {
          delivered++;
          var success = tried.getLast();
          deliveredLatency.add((success.answeredNanos() - event.dueNanos()) / 1e6);
          if (success.answeredNanos() <= phase.endNanos()) {
            inWindow++;
          }
        }
        case DROPPED -> {
          dropped++;
          droppedBy.merge(tried.getLast().answer(), 1, Integer::sum);
          problem = "dropped";
        }
        case EXPIRED -> {
          expired++;
          problem = "expired";
        }
        case PENDING -> throw new IllegalStateException(event.id() + " is not final");
      }
      if (instances == 0) {
        lost++;
        switch (result) {
          case DELIVERED -> lostDelivered++;
          case DROPPED -> lostDropped++;
          default -> lostExpired++;
        }
        problem = "lost (" + result + ", no instance)";
      }
      if (instances > 1) {
        duplicated++;
        problem = "duplicated (" + instances + " instances)";
      }
      var contradicted = contradicted(tried, instances);
      if (!contradicted.isEmpty()) {
        contradictions++;
        contradicted.forEach(answer -> contradictedBy.merge(answer, 1, Integer::sum));
        problem = "contradicted";
      }
      if (problem != null && examples.size() < EXAMPLES) {
        examples.add(
            problem + ": " + event.id() + " instances=" + instances + " attempts=" + tried);
      }
    }
    double window = phase.windowSeconds();
    double goodput = window > 0 ? inWindow / window : 0;
    var cpu = phase.cpuShares();
    return new PhaseReport(
        phase.name(),
        fault,
        round(phase.offeredPerSecond()),
        round(window),
        events.size(),
        delivered,
        dropped,
        droppedBy,
        expired,
        lost,
        lostDelivered,
        lostDropped,
        lostExpired,
        duplicated,
        contradictions,
        contradictedBy,
        outcomeUnknown,
        attempts,
        round(events.isEmpty() ? 0 : (double) attempts / events.size()),
        maxAttempts,
        round(goodput),
        knee == null || knee <= 0 ? null : round(goodput / knee),
        round(percentile(deliveredLatency, 50)),
        round(percentile(deliveredLatency, 99)),
        answers429,
        round(percentile(latency429, 99)),
        answers503,
        timeouts,
        Math.round(attempts == 0 ? 0 : 1e4 * (answers503 + timeouts) / attempts) / 1e4,
        round(percentile(admittedLatency, 99)),
        round(percentile(senderLag, 99)),
        share(cpu.sender()),
        share(cpu.localMode()),
        share(cpu.replicas()),
        answers,
        byReplica,
        seconds(timeline),
        examples);
  }

  /**
   * The "no effect" answers an event's history contradicts, or none. The engine shows an effect (a
   * {@code DUPLICATE} answer, or an instance) that no attempt before it can explain: no success,
   * and no attempt whose outcome is unknown (no answer after the request went out, a 5xx other than
   * {@code NOT_ATTEMPTED}).
   */
  static List<String> contradicted(List<Attempt> tried, int instances) {
    int firstSuccess = -1;
    for (int i = 0; i < tried.size(); i++) {
      if (tried.get(i).success()) {
        firstSuccess = i;
        break;
      }
    }
    boolean effectUnexplained;
    int before;
    if (firstSuccess >= 0) {
      effectUnexplained = Attempt.DUPLICATE.equals(tried.get(firstSuccess).outcome());
      before = firstSuccess;
    } else {
      effectUnexplained = instances > 0;
      before = tried.size();
    }
    if (!effectUnexplained) {
      return List.of();
    }
    var claims = new ArrayList<String>();
    for (int i = 0; i < before; i++) {
      var attempt = tried.get(i);
      if (!attempt.claimsNoEffect()) {
        return List.of(); // an attempt of unknown outcome explains the effect
      }
      if (attempt.fromHandler()) {
        claims.add(attempt.answer());
      }
    }
    if (claims.isEmpty() && before > 0) {
      // Only answers that never reached a handler before the effect: none of ours explains it.
      claims.add("unexplained");
    }
    // A DUPLICATE on the first attempt is not ours to explain (an event id sent twice).
    return claims;
  }

  private static Map<String, Map<String, Integer>> seconds(TreeMap<Long, Map<String, Integer>> t) {
    var named = new java.util.LinkedHashMap<String, Map<String, Integer>>();
    t.forEach((second, counts) -> named.put(second + "s", counts));
    return named;
  }

  static double percentile(List<Double> values, double percentile) {
    if (values.isEmpty()) {
      return 0;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double share(double value) {
    return value < 0 ? -1 : Math.round(value * 1e4) / 1e4;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  /** The table's header, in Markdown. */
  public static String tableHeader() {
    return """
        | phase | fault | offered/s | sent | delivered | dropped | lost | duplicated | contradictions \
        | 503 OUTCOME_UNKNOWN | attempts/event | goodput/s | vs knee | p50 ms | p99 ms \
        | 429s | 429 p99 ms | 503+timeout share | admitted p99 ms | sender lag p99 ms \
        | CPU share: sender, local mode, replicas |
        |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|""";
  }

  /** This report as a row of {@link #tableHeader()}. */
  public String tableRow() {
    return "| %s | %s | %.1f | %d | %d | %d | %d | %d | %d | %d | %.2f | %.1f | %s | %.0f | %.0f | %d | %.1f | %.2f %% | %.0f | %.0f | %s |"
        .formatted(
            phase,
            fault,
            offeredPerSecond,
            sent,
            delivered,
            dropped,
            lost,
            duplicated,
            contradictions,
            outcomeUnknown503,
            attemptsPerEvent,
            goodputPerSecond,
            goodputVsKnee == null ? "-" : "%.2f".formatted(goodputVsKnee),
            deliveredP50Millis,
            deliveredP99Millis,
            answers429,
            answer429P99Millis,
            share503OrTimeout * 100,
            admittedP99Millis,
            senderLagP99Millis,
            senderCpuShare < 0
                ? "-"
                : "%.1f / %.1f / %.1f %%"
                    .formatted(
                        senderCpuShare * 100, localModeCpuShare * 100, replicasCpuShare * 100));
  }
}
