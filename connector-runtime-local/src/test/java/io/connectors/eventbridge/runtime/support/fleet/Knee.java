package io.connectors.eventbridge.runtime.support.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The fleet's knee, measured against the fleet itself in the same run: the highest open-loop rate
 * it serves with one attempt per event, its p99 within the webhook's time budget, and the rate
 * carried within the step (nothing queueing up).
 *
 * <p>A closed loop of {@code concurrency} senders warms the JVMs up, a second one estimates the
 * maximum; then open-loop steps from half that estimate upwards (by a tenth of it, then by 15 %
 * each) until one fails twice in a row. If even the first fails, lower steps are tried. A closed
 * loop still warming up can estimate well under half the knee, so the ramp may go to eleven times
 * the estimate; a knee with no failed step above it is only a lower bound ({@link #bounded()}).
 *
 * @param closedLoopPerSecond the second closed loop's goodput
 * @param perSecond the knee: the highest passing step's rate (0 if none passed)
 * @param steps every step's outcome
 */
public record Knee(double closedLoopPerSecond, double perSecond, List<Step> steps) {

  static final double[] FRACTIONS = {0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1};
  static final double GROWTH = 1.15;
  // 1.1 x 1.15^17: eleven times the closed loop's estimate. With 14 steps (2.9 times) a run whose
  // closed loop measured 64/s passed every step up to 187.3/s and then served 296/s at 4x.
  static final int MAX_STEPS = 24;
  static final double[] BELOW = {0.35, 0.25, 0.15};
  static final double CARRIED = 0.95;

  /**
   * One step of the ramp.
   *
   * @param perSecond the step's open-loop rate
   * @param passed whether the fleet served it: every event delivered at its first attempt, p99
   *     within the budget, and at least 95 % of the rate delivered within the step
   * @param report the step's report
   */
  public record Step(double perSecond, boolean passed, PhaseReport report) {}

  /**
   * Whether a step above the knee failed. Without one the ramp ran out of steps, and the knee is
   * only a lower bound of the rate the fleet serves: a ratio against it would flatter the fleet.
   */
  public boolean bounded() {
    return steps.stream().anyMatch(step -> !step.passed() && step.perSecond() > perSecond);
  }

  /**
   * Measures the knee.
   *
   * @param budget the webhook's time budget: a p99 beyond it fails a step
   * @param reports receives every phase's report as it is made
   */
  public static Knee measure(
      ApiDestinationSender sender,
      EngineLedger ledger,
      int concurrency,
      Duration closedLoop,
      Duration step,
      Duration budget,
      Duration drain,
      Consumer<PhaseReport> reports) {
    var warmUp = sender.closedLoop("knee-warm-up", concurrency, closedLoop);
    warmUp.awaitFinal(closedLoop.plus(drain));
    reports.accept(PhaseReport.of(warmUp, concurrency + " closed-loop senders", ledger, null));
    var closed = sender.closedLoop("knee-closed-loop", concurrency, closedLoop);
    closed.awaitFinal(closedLoop.plus(drain));
    var closedReport = PhaseReport.of(closed, concurrency + " closed-loop senders", ledger, null);
    reports.accept(closedReport);
    double maximum = closedReport.goodputPerSecond();
    var steps = new ArrayList<Step>();
    double knee = 0;
    double rate = 0;
    for (int i = 0; i < MAX_STEPS; i++) {
      rate = i < FRACTIONS.length ? maximum * FRACTIONS[i] : rate * GROWTH;
      var result = step(sender, ledger, rate, step, budget, drain, reports);
      steps.add(result);
      if (!result.passed()) {
        // Once more: a busy machine can fail one short step that the fleet serves.
        result = step(sender, ledger, rate, step, budget, drain, reports);
        steps.add(result);
      }
      if (!result.passed()) {
        break;
      }
      knee = result.perSecond();
    }
    if (knee == 0) {
      for (double fraction : BELOW) {
        var result = step(sender, ledger, maximum * fraction, step, budget, drain, reports);
        steps.add(result);
        if (result.passed()) {
          knee = result.perSecond();
          break;
        }
      }
    }
    return new Knee(maximum, knee, steps);
  }

  private static Step step(
      ApiDestinationSender sender,
      EngineLedger ledger,
      double perSecond,
      Duration length,
      Duration budget,
      Duration drain,
      Consumer<PhaseReport> reports) {
    double rate = Math.max(1, Math.round(perSecond * 10) / 10.0);
    var phase = sender.openLoop("knee-step-" + rate, rate, length);
    phase.awaitFinal(length.plus(drain));
    var report = PhaseReport.of(phase, "knee step", ledger, null);
    reports.accept(report);
    boolean passed =
        report.delivered() == report.sent()
            && report.attempts() == report.sent()
            && report.deliveredP99Millis() <= budget.toMillis()
            && report.goodputPerSecond() >= CARRIED * rate;
    return new Step(rate, passed, report);
  }
}
