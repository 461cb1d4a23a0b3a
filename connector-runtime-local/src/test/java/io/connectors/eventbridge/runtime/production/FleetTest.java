package io.connectors.eventbridge.runtime.production;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.StartEventBuilder;
import io.connectors.eventbridge.inbound.model.Defaults;
import io.connectors.eventbridge.runtime.support.Await;
import io.connectors.eventbridge.runtime.support.EventBridgeWebhookModels;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import io.connectors.eventbridge.runtime.support.ProductionRuntimeProcess;
import io.connectors.eventbridge.runtime.support.TestProcesses;
import io.connectors.eventbridge.runtime.support.fleet.ApiDestinationSender;
import io.connectors.eventbridge.runtime.support.fleet.Balancer;
import io.connectors.eventbridge.runtime.support.fleet.EngineLedger;
import io.connectors.eventbridge.runtime.support.fleet.FleetReports;
import io.connectors.eventbridge.runtime.support.fleet.FleetSettings;
import io.connectors.eventbridge.runtime.support.fleet.HoldingGate;
import io.connectors.eventbridge.runtime.support.fleet.Knee;
import io.connectors.eventbridge.runtime.support.fleet.LoadPhase;
import io.connectors.eventbridge.runtime.support.fleet.PhaseReport;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The fleet test (issue 17): local mode plus two, and for scale-out three, processes of the
 * production jar behind a round-robin balancer, fed by a sender that behaves like an EventBridge
 * API destination ({@link ApiDestinationSender}: 5 s per attempt; 429, 5xx, timeouts and refused
 * connections retried with backoff and jitter, honouring Retry-After; any other 4xx dropped).
 *
 * <p>The webhook is a message start event whose message ID is the event's {@code id} (with a TTL),
 * and whose process records the event's {@code id}; {@link EngineLedger} counts its instances per
 * event from the engine's records, so an event is lost if it was delivered without an instance or
 * never delivered, and duplicated if it has two.
 *
 * <p>In order, against the same fleet: the knee (a closed loop, then an open-loop ramp: the highest
 * rate served with one attempt per event, {@link Knee}); open-loop overload at 1.25×, 2× and 4× the
 * knee; a redeploy (new version) of the webhook's process mid-load; a third replica added mid-load;
 * SIGTERM of that replica mid-load; kill -9 of replica A mid-load, with Put events tasks running on
 * it, and its restart on the same port. Faults run under {@code fleet.fault-load} (half) of the
 * knee. Every figure is relative to the knee measured in the same run, so the test holds on a slow
 * machine as on a fast one.
 *
 * <p>Every phase's report (events sent, delivered, dropped, lost, duplicated, answers that
 * contradict the outcome, attempts per event, goodput against the knee, p50/p99, 429 answer times,
 * the share of 503s) is printed as a table row and written to {@code target/fleet/} ({@code
 * report.md}, {@code report.json}, one JSON per phase).
 *
 * <p>Short form (CI, about 4 minutes on 2 cores; phases of 8 s): {@code mvn -B -pl
 * connector-runtime-local -am verify -Dmodeler-check.skip -Dtest=FleetTest
 * -Dsurefire.failIfNoSpecifiedTests=false}. Long form (phases of 60 s, ramp steps of 10 s, goodput
 * held to 90 % of the knee): add {@code -Dfleet.long=true}, or run {@code tools/load/run.sh fleet}.
 * Each setting can be changed on its own, see {@link FleetSettings}.
 */
@LocalRuntimeTest
// A context of its own: local mode's own runtime gets the replicas' Put events job timeout. Its
// in-memory engine pushes every job of a type with the activation properties of the first stream
// opened for that type (zeebe-process-test's InMemoryJobStreamer keeps one per type), which is
// local mode's own runtime's: without this, a job pushed to a replica has that runtime's default
// timeout (5 minutes) whatever the replica asked for. It also scans no deploy folder, and it is
// closed after this class.
@TestPropertySource(
    properties = {
      FleetTest.PUT_EVENTS_TIMEOUT + "=" + FleetTest.JOB_TIMEOUT_MILLIS,
      "eventbridge.local.deploy-dirs="
    })
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetTest {

  private static final Duration START = Duration.ofSeconds(180);
  private static final Duration BUDGET = Duration.ofMillis(Defaults.TIME_BUDGET_MILLIS);

  /** The target under overload. */
  private static final double MAX_503_SHARE = 0.01;

  /**
   * Beyond the job timeout, a task held by a killed replica waits for the engine's job timeout
   * check (every second), for a live replica to take it and for its work there. A timed-out job is
   * not pushed again on the job stream: a live replica's poll takes it, and under load that poll
   * came up to 7.7 s after the time-out here (engine records: TIMED_OUT +9.1 s, ACTIVATED +16.8 s
   * after the kill), so 5 s of slack failed on a busy machine; on a busy CI machine the last task
   * completed 21.8 s after the kill, so 10 s failed there too. The engine's check alone lagged a
   * deadline by up to 4 s here.
   */
  private static final Duration OUTBOUND_SLACK = Duration.ofSeconds(20);

  private static final int PUT_TASKS = 20;

  static final String PUT_EVENTS_TIMEOUT = ProductionRuntimeProcess.PUT_EVENTS_TIMEOUT;

  /**
   * The Put events job timeout of every runtime in the fleet, {@code -Dfleet.job-timeout-millis} (a
   * placeholder: local mode's runtime reads it from this class's property source).
   */
  static final String JOB_TIMEOUT_MILLIS = "${fleet.job-timeout-millis:10000}";

  @Autowired LocalRuntime runtime;

  private final FleetSettings settings = FleetSettings.fromSystemProperties();
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String webhookId = "fleet-" + suffix;
  private final String webhookProcess = "fleet-webhook-" + suffix;
  private final String messageName = "fleet-" + suffix;
  private final String putProcess = "fleet-put-" + suffix;
  private final Balancer balancer = new Balancer();
  private final FleetReports reports = new FleetReports(Path.of("target", "fleet"));

  private HoldingGate gate;
  private ProductionRuntimeProcess replicaA;
  private ProductionRuntimeProcess replicaB;
  private ProductionRuntimeProcess replicaC;
  private ApiDestinationSender sender;
  private EngineLedger ledger;
  private double knee;

  @BeforeAll
  void startTheFleet() {
    // Deployed before the replicas start: their first discovery finds it.
    deployWebhook("end");
    runtime
        .client()
        .newDeployResourceCommand()
        .addProcessModel(
            TestProcesses.putEventWithSecrets(putProcess, "com.example.fleet", "FleetTask"),
            putProcess + ".bpmn")
        .send()
        .join();
    reports.fact("settings", settings);
    gate = HoldingGate.start(runtime.localBusEndpoint());
    // Replica A's Put events go through the gate, so its tasks can be held running when it dies.
    var a =
        CompletableFuture.supplyAsync(
            () -> ProductionRuntimeProcess.start("replica-a", environment(gate.endpoint()), START));
    var b =
        CompletableFuture.supplyAsync(
            () ->
                ProductionRuntimeProcess.start(
                    "replica-b", environment(runtime.localBusEndpoint()), START));
    // Both are kept before a failure is rethrown, so that @AfterAll stops whichever did start.
    replicaA = a.handle((replica, failure) -> replica).join();
    replicaB = b.handle((replica, failure) -> replica).join();
    a.join();
    b.join();
    for (var replica : List.of(replicaA, replicaB)) {
      replica.awaitInboundHealth(webhookProcess, "UP", START);
      balancer.add(replica.name(), replica.baseUrl());
    }
    sender =
        new ApiDestinationSender(
            balancer,
            "/inbound/" + webhookId,
            ApiDestinationSender.RetryRules.eventBridge(
                settings.maxEventAge(), settings.maxBackoff()));
    ledger = new EngineLedger(runtime.engine(), webhookProcess, "eventId");
  }

  @AfterAll
  void stopTheFleet() {
    if (sender != null) {
      sender.close();
    }
    for (var replica : new ProductionRuntimeProcess[] {replicaA, replicaB, replicaC}) {
      if (replica != null && replica.isAlive()) {
        replica.close();
      }
    }
    if (gate != null) {
      gate.close();
    }
    System.out.println("[fleet] target/fleet/report.md\n" + reports.table());
  }

  @Test
  @Order(1)
  void kneeOfTheFleet() {
    var measured =
        Knee.measure(
            sender,
            ledger,
            settings.concurrency(),
            settings.closedLoop(),
            settings.rampStep(),
            BUDGET,
            drain(),
            reports::add);
    knee = measured.perSecond();
    var steps = new LinkedHashMap<String, Boolean>();
    measured.steps().forEach(step -> steps.put(step.perSecond() + "/s", step.passed()));
    reports.fact(
        "knee",
        Map.of(
            "closedLoopPerSecond",
            measured.closedLoopPerSecond(),
            "kneePerSecond",
            knee,
            "bounded",
            measured.bounded(),
            "steps",
            steps));
    assertThat(knee)
        .as("the knee: a rate served with one attempt per event, see %s", steps)
        .isPositive();
    if (settings.longForm()) {
      // The long form holds overload to the knee's goodput: the knee must be one, not a rate the
      // ramp stopped at. The short form only loads its faults with half of it.
      assertThat(measured.bounded())
          .as("a step above the knee failed (else it is only a lower bound), see %s", steps)
          .isTrue();
    }
  }

  @ParameterizedTest(name = "open loop at {0}x the knee")
  @ValueSource(doubles = {1.25, 2, 4})
  @Order(2)
  void overload(double factor) {
    requireKnee();
    var phase = sender.openLoop("overload-" + factor + "x", factor * knee, settings.phase());
    var report = finish(phase, "open loop at " + factor + "x the knee");
    SoftAssertions.assertSoftly(
        soft -> {
          deliveryGuarantees(soft, report);
          if (!settings.longForm()) {
            // Throughput on a shared 2-core CI machine in 8 s phases swings too far to assert
            // (1.25x measured 0.34 to 1.0 of the knee across runs of the same code,
            // docs/benchmarks.md "Fleet"): the short form records every figure in the report and
            // holds each factor to the delivery guarantees above; the long form
            // (-Dfleet.long=true) holds every factor to issue 17's throughput targets.
            return;
          }
          // Not the report's goodputVsKnee, rounded to two places for reading (0.896 read 0.90).
          soft.assertThat(report.goodputPerSecond() / knee)
              .as("%s: goodput against the knee (%.1f/s)", report.phase(), knee)
              .isGreaterThanOrEqualTo(settings.goodputFloor());
          soft.assertThat(report.answer429P99Millis())
              .as("%s: p99 of the 429 answers (ms)", report.phase())
              .isLessThanOrEqualTo(settings.max429P99Millis());
          soft.assertThat(report.share503OrTimeout())
              .as(
                  "%s: share of attempts answered 503 or not within 5 s while no replica fails"
                      + " (admitted requests finish within their budget); answers %s",
                  report.phase(), report.answers())
              .isLessThan(MAX_503_SHARE);
        });
  }

  @Test
  @Order(3)
  void redeployOfTheWebhooksProcessMidLoad() {
    requireKnee();
    double rate = settings.faultLoad() * knee;
    var phase = sender.openLoop("redeploy", rate, null);
    phase.awaitSent(events(rate, settings.phase().dividedBy(3)), settings.phase().plus(START));
    long definition = deployWebhook("end-v2");
    for (var replica : List.of(replicaA, replicaB)) {
      Await.until(
          replica.name() + " to list version 2 of " + webhookProcess + " in GET /inbound",
          START,
          () ->
              replica
                  .get("/inbound")
                  .filter(response -> response.body().contains(String.valueOf(definition)))
                  .map(response -> true));
    }
    keepSending(phase, rate, settings.afterReady());
    phase.stop();
    var report = finish(phase, "new version of the webhook's process deployed mid-load");
    SoftAssertions.assertSoftly(soft -> deliveryGuarantees(soft, report));
  }

  @Test
  @Order(4)
  void aThirdReplicaAddedMidLoad() {
    requireKnee();
    double rate = settings.faultLoad() * knee;
    var phase = sender.openLoop("scale-out", rate, null);
    phase.awaitSent(events(rate, settings.phase().dividedBy(3)), settings.phase().plus(START));
    replicaC =
        ProductionRuntimeProcess.launch("replica-c", environment(runtime.localBusEndpoint()));
    // As a balancer with health checks does: in rotation once its readiness is UP.
    replicaC.awaitReady(START);
    balancer.add(replicaC.name(), replicaC.baseUrl());
    keepSending(phase, rate, settings.afterReady());
    phase.stop();
    var report = finish(phase, "replica-c started mid-load, added once ready");
    SoftAssertions.assertSoftly(
        soft -> {
          deliveryGuarantees(soft, report);
          soft.assertThat(report.attemptsByReplica())
              .as("attempts by replica")
              .containsKey(replicaC.name());
        });
  }

  @Test
  @Order(5)
  void sigtermOfAReplicaMidLoad() {
    requireKnee();
    assertThat(replicaC).as("replica-c, started by the scale-out scenario").isNotNull();
    assertThat(replicaC.isAlive()).as("replica-c is running").isTrue();
    double rate = settings.faultLoad() * knee;
    var phase = sender.openLoop("sigterm", rate, null);
    phase.awaitSent(events(rate, settings.phase().dividedBy(3)), settings.phase().plus(START));
    // As a platform scales in: SIGTERM, a graceful shutdown; the balancer still lists it until it
    // has exited (refused connections are retried), then drops it.
    replicaC.close();
    keepSending(phase, rate, settings.afterReady());
    balancer.remove(replicaC.name());
    phase.stop();
    var report = finish(phase, "SIGTERM of replica-c mid-load");
    SoftAssertions.assertSoftly(soft -> deliveryGuarantees(soft, report));
  }

  @Test
  @Order(6)
  void killMinus9OfAReplicaMidLoadWithPutEventsTasksRunningThenItsRestart() {
    requireKnee();
    double rate = settings.faultLoad() * knee;
    var phase = sender.openLoop("kill-9", rate, null);
    phase.awaitSent(events(rate, settings.phase().dividedBy(3)), settings.phase().plus(START));
    // Put events tasks: those replica A takes stay running (its EventBridge does not answer).
    // Started only now, just before the kill: started with the load, they outlived their job
    // timeout in the long form's 20 s of load and were done elsewhere before the kill.
    gate.hold();
    var keysByN = new HashMap<String, Long>();
    for (int n = 0; n < PUT_TASKS; n++) {
      keysByN.put(String.valueOf(n), runtime.startInstance(putProcess, Map.of("n", n)));
    }
    Await.until(
        "replica-a to run a Put events task",
        START,
        () -> gate.heldBodies().isEmpty() ? Optional.empty() : Optional.of(true));
    ledger.refresh();
    var heldByA = gate.heldDetailValues("n");
    var runningAtKill = keysByN.values().stream().filter(key -> !ledger.completed(key)).toList();
    long killedAtMillis = System.currentTimeMillis();
    replicaA.kill();
    gate.abandonHeld();
    // Restarted at once on the same port, as a platform does: the balancer's address stays valid.
    replicaA = replicaA.restart();
    var doneAfterKill = awaitCompletion(runningAtKill, killedAtMillis);
    replicaA.awaitReady(START);
    keepSending(phase, rate, settings.afterReady());
    phase.stop();
    var report = finish(phase, "kill -9 of replica-a mid-load, restarted on the same port");
    Duration bound = settings.jobTimeout().plus(OUTBOUND_SLACK);
    long slowestMillis =
        doneAfterKill.values().stream().mapToLong(Long::longValue).max().orElse(-1);
    reports.fact(
        "outbound after kill -9",
        Map.of(
            "putEventsTasks", PUT_TASKS,
            "heldByReplicaA", heldByA.size(),
            "runningAtKill", runningAtKill.size(),
            "completedAfterKill", doneAfterKill.size(),
            "slowestMillisAfterKill", slowestMillis,
            "jobTimeoutMillis", settings.jobTimeout().toMillis(),
            "boundMillis", bound.toMillis()));
    ledger.refresh();
    // What the engine did with each task running at the kill, in ms after the kill (the engine's
    // clock is this machine's: the fleet's context never moves it).
    var history = new LinkedHashMap<Long, List<String>>();
    runningAtKill.forEach(
        key ->
            history.put(
                key,
                ledger.jobHistory(key).stream()
                    .map(
                        job ->
                            "%s %+d ms%s"
                                .formatted(
                                    job.intent(),
                                    job.timestamp() - killedAtMillis,
                                    job.deadline() > 0
                                        ? " (deadline %+d ms)"
                                            .formatted(job.deadline() - killedAtMillis)
                                        : ""))
                    .toList()));
    reports.fact("Put events tasks running at the kill -9: their job records", history);
    SoftAssertions.assertSoftly(
        soft -> {
          deliveryGuarantees(soft, report);
          soft.assertThat(heldByA).as("Put events tasks running on replica-a").isNotEmpty();
          soft.assertThat(runningAtKill).as("Put events tasks running at the kill").isNotEmpty();
          soft.assertThat(doneAfterKill.keySet())
              .as("Put events tasks running at the kill, completed elsewhere")
              .containsExactlyInAnyOrderElementsOf(runningAtKill);
          soft.assertThat(slowestMillis)
              .as(
                  "ms from the kill until the last of them completed (bound: the job timeout %s"
                      + " + %s)",
                  settings.jobTimeout(), OUTBOUND_SLACK)
              .isLessThanOrEqualTo(bound.toMillis());
        });
  }

  /**
   * Waits until every instance in {@code keys} has completed, or until twice the bound has passed,
   * and returns when each completed (the engine's record), in ms after {@code sinceMillis}.
   */
  private Map<Long, Long> awaitCompletion(List<Long> keys, long sinceMillis) {
    long deadline =
        System.nanoTime() + settings.jobTimeout().plus(OUTBOUND_SLACK).multipliedBy(2).toNanos();
    var done = new HashMap<Long, Long>();
    while (true) {
      ledger.refresh();
      keys.forEach(key -> ledger.completedAt(key).ifPresent(at -> done.put(key, at - sinceMillis)));
      if (done.size() == keys.size() || System.nanoTime() > deadline) {
        return done;
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }

  private void deliveryGuarantees(SoftAssertions soft, PhaseReport report) {
    soft.assertThat(report.dropped())
        .as(
            "%s: events answered a non-retryable 4xx for the deployed webhook: %s",
            report.phase(), report.droppedBy())
        .isZero();
    soft.assertThat(report.lost())
        .as(
            "%s: events without an instance (%d answered 2xx, %d dropped, %d expired)",
            report.phase(), report.lostDelivered(), report.lostDropped(), report.lostExpired())
        .isZero();
    soft.assertThat(report.duplicated())
        .as("%s: events with more than one instance", report.phase())
        .isZero();
    soft.assertThat(report.contradictions())
        .as(
            "%s: events whose answers contradict the engine (contradicted: %s; e.g. %s)",
            report.phase(), report.contradictedBy(), report.examples())
        .isZero();
  }

  /** Waits until the phase's events are final, then reports it. */
  private PhaseReport finish(LoadPhase phase, String fault) {
    phase.awaitFinal(drain());
    var report = PhaseReport.of(phase, fault, ledger, knee);
    reports.add(report);
    return report;
  }

  /** Sends on for {@code duration} more (counted in events due, not by a clock). */
  private static void keepSending(LoadPhase phase, double rate, Duration duration) {
    phase.awaitSent(phase.sent() + events(rate, duration), duration.plus(START));
  }

  private Duration drain() {
    // Long enough for the last event to use up its maximum age.
    return settings.maxEventAge().plus(settings.phase()).plus(Duration.ofSeconds(30));
  }

  private void requireKnee() {
    assertThat(knee).as("the knee, measured by the first scenario").isPositive();
  }

  private static int events(double rate, Duration duration) {
    return (int) Math.ceil(rate * duration.toMillis() / 1000.0);
  }

  private Map<String, String> environment(URI eventBridgeEndpoint) {
    var environment = ProductionRuntimeProcess.environment(runtime, eventBridgeEndpoint);
    environment.put(PUT_EVENTS_TIMEOUT, String.valueOf(settings.jobTimeout().toMillis()));
    return environment;
  }

  /** Deploys the webhook's process (a new version if {@code endId} differs) and returns its key. */
  private long deployWebhook(String endId) {
    var properties = EventBridgeWebhookModels.webhook(webhookId);
    // Message ID = the event's id, kept for an hour: a redelivered event is DUPLICATE.
    properties.put("messageTtl", "PT1H");
    StartEventBuilder start =
        Bpmn.createExecutableProcess(webhookProcess)
            .startEvent("webhook")
            .message(message -> message.name(messageName));
    properties.forEach(start::zeebeProperty);
    BpmnModelInstance model = start.endEvent(endId).done();
    return runtime
        .client()
        .newDeployResourceCommand()
        .addResourceStringUtf8(TestProcesses.xml(model), webhookProcess + ".bpmn")
        .send()
        .join()
        .getProcesses()
        .getFirst()
        .getProcessDefinitionKey();
  }
}
