package io.connectors.eventbridge.runtime.production;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.connectors.eventbridge.outbound.custombus.CborValues;
import io.connectors.eventbridge.runtime.support.Await;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import io.connectors.eventbridge.runtime.support.ProductionRuntimeProcess;
import io.connectors.eventbridge.runtime.support.TestProcesses;
import io.connectors.eventbridge.runtime.support.fleet.EngineLedger;
import io.connectors.eventbridge.runtime.support.fleet.EngineLedger.JobEvent;
import io.connectors.eventbridge.runtime.support.fleet.HoldingGate;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

/**
 * A Put events task on a Custom Event Bus whose replica dies by {@code kill -9} after the bus took
 * its events but before the replica learnt it (issue 19): the engine hands the job to another
 * replica after the job timeout, its attempt puts the same events again with the same deduplication
 * IDs (derived from the job), the bus answers {@code DEDUPLICATED}, and each event is on the bus
 * once.
 *
 * <p>Two processes of the production jar, one after the other, against local mode's engine and
 * Custom Event Bus. Their EventBridge endpoint is a {@link HoldingGate} that passes replica A's
 * PutEvents on to the bus and keeps the bus's answer from it; the test kills replica A as soon as
 * the bus has answered. What the bus holds is read from a FIFO subscriber of the test's own bus:
 * after the events, a second instance puts one more event in the same event group, and once that
 * one is delivered, everything the bus took before it in the group has been.
 *
 * <p>The replicas work a job type of their own ({@code CONNECTOR_<NAME>_TYPE} of the 8.8 runtime),
 * so that local mode's own runtime, which works Put events jobs too, cannot take the task, and so
 * that the engine pushes the type's jobs with the replicas' job timeout (its in-memory job streamer
 * uses the activation properties of the first stream opened for a type, see {@link FleetTest}).
 */
@LocalRuntimeTest
class CustomBusCrashTest {

  private static final Duration START = Duration.ofSeconds(180);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /**
   * Short, so the dead replica's job is handed over soon; replica A only has to reach the bus
   * within it, since it is killed as soon as the bus answers.
   */
  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(15);

  /** The 8.8 runtime's override of a connector's job type, by its normalised name. */
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final CborValues CBOR = new CborValues(new CBORFactory());
  private static final int EVENTS = 3;

  @Autowired LocalRuntime runtime;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  // A bus of this test's own: the local bus numbers events per bus, from 1.
  private final String busArn =
      "arn:aws:events:us-east-1:000000000000:event-busv2/crash-"
          + suffix
          + "/abcdefghijklmnopqrstuvwxy";
  private final String jobType = "io.connectors.eventbridge:put-events:crash-" + suffix;
  private final String process = "custom-bus-crash-" + suffix;
  private final String group = "order-" + suffix;

  /** The bodies the subscriber received (WITH_METADATA), in order. */
  private final List<JsonNode> deliveries = new ArrayList<>();

  private HttpServer subscriber;
  private HoldingGate gate;
  private ProductionRuntimeProcess replicaA;
  private ProductionRuntimeProcess replicaB;

  @AfterEach
  void stop() {
    for (var replica : new ProductionRuntimeProcess[] {replicaA, replicaB}) {
      if (replica != null) {
        replica.close();
      }
    }
    if (gate != null) {
      gate.close();
    }
    if (subscriber != null) {
      subscriber.stop(0);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTaskRetriedAfterKillMinus9OfItsReplicaLeavesEachEventOnceOnTheBus() throws Exception {
    startSubscriber();
    deployProcess();
    gate = HoldingGate.start(runtime.localBusEndpoint());
    gate.holdAnswers();
    replicaA = ProductionRuntimeProcess.start("custom-bus-a", environment(), START);

    long key = runtime.startInstance(process, Map.of("events", events()));
    HttpResponse<byte[]> firstAnswer =
        Await.until(
            "the bus to answer replica A's PutEvents",
            TIMEOUT,
            () -> gate.heldAnswers().stream().findFirst());
    long killedAt = System.nanoTime();
    replicaA.kill();
    gate.abandonHeld();

    assertThat(firstAnswer.statusCode()).isEqualTo(200);
    List<Map<String, Object>> putByA =
        (List<Map<String, Object>>)
            ((Map<String, Object>) CBOR.read(firstAnswer.body())).get("Entries");
    assertThat(putByA)
        .as("the bus's answer to replica A, which never reached it")
        .hasSize(EVENTS)
        .allSatisfy(entry -> assertThat(entry).containsEntry("SuccessCode", "PUBLISHED"));
    assertThat(runtime.variables(key)).doesNotContainKey("put");

    // Started once A is dead, so that the job cannot go to B before the kill.
    replicaB = ProductionRuntimeProcess.start("custom-bus-b", environment(), START);
    var retried = runtime.awaitCompleted(key, JOB_TIMEOUT.plus(TIMEOUT));
    long completedAfterKillMillis = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();

    Map<String, Object> put = (Map<String, Object>) retried.variables().get("put");
    List<Map<String, Object>> entries = (List<Map<String, Object>>) put.get("entries");
    assertThat(put).containsEntry("failedEntryCount", 0);
    assertThat(entries)
        .as("the retry's entries: the events replica A put, deduplicated")
        .hasSize(EVENTS)
        .allSatisfy(entry -> assertThat(entry).containsEntry("successCode", "DEDUPLICATED"));
    for (int n = 0; n < EVENTS; n++) {
      assertThat(entries.get(n))
          .containsEntry("eventId", putByA.get(n).get("EventId"))
          .containsEntry("sequenceNumber", putByA.get(n).get("SequenceNumber"));
    }
    assertThat(replicaB.metric("eventbridge_outbound_events_total", "outcome=\"deduplicated\""))
        .as("events replica B counted as deduplicated")
        .isEqualTo(EVENTS);
    assertThat(replicaB.metric("eventbridge_outbound_events_total", "outcome=\"put\""))
        .as("events replica B counted as put")
        .isZero();
    var ledger = new EngineLedger(runtime.engine(), process, "eventId");
    ledger.refresh();
    List<String> jobIntents = ledger.jobHistory(key).stream().map(JobEvent::intent).toList();
    assertThat(jobIntents)
        .as("the job: taken by A, timed out after A's death, taken by B")
        .containsSubsequence("ACTIVATED", "TIMED_OUT", "ACTIVATED", "COMPLETED");

    // One more event in the same group: the FIFO subscriber delivers it after everything the bus
    // took before it in the group, so once it has arrived, the deliveries are complete.
    long lastKey = runtime.startInstance(process, Map.of("events", List.of(event("last"))));
    var last = runtime.awaitCompleted(lastKey, TIMEOUT);
    Map<String, Object> lastEntry =
        ((List<Map<String, Object>>)
                ((Map<String, Object>) last.variables().get("put")).get("entries"))
            .getFirst();
    assertThat(lastEntry).containsEntry("successCode", "PUBLISHED");
    Map<String, Set<String>> eventIdsByMarker =
        Await.until(
            "the subscriber to receive the last event",
            TIMEOUT,
            () -> {
              var received = eventIdsByMarker();
              return received.containsKey("last") ? Optional.of(received) : Optional.empty();
            });

    // An event put twice would be two events with two IDs; a delivery the bus retried (a slow
    // answer) is the same event again, with its ID.
    assertThat(List.copyOf(eventIdsByMarker.keySet()))
        .as("the events' markers, in the order the FIFO subscriber first received them")
        .containsExactly("0", "1", "2", "last");
    for (int n = 0; n < EVENTS; n++) {
      assertThat(eventIdsByMarker.get(String.valueOf(n)))
          .as("event %d on the bus", n)
          .containsExactly((String) putByA.get(n).get("EventId"));
    }
    // The bus numbers the events it takes on a bus one by one: the last event directly follows
    // the three replica A put, so the retry added none.
    assertThat(
            new BigInteger((String) lastEntry.get("sequenceNumber"))
                .subtract(new BigInteger((String) putByA.getFirst().get("SequenceNumber"))))
        .isEqualTo(BigInteger.valueOf(EVENTS));
    System.out.printf(
        "custom bus crash: replica A killed once the bus had answered; the job's records %s;"
            + " completed by replica B %d ms after the kill%n",
        jobIntents, completedAfterKillMillis);
  }

  private void deployProcess() {
    var model =
        TestProcesses.putEventsTaskWithSecrets(process)
            .zeebeJobType(jobType)
            .zeebeInput("customEventBus", "bus.kind")
            .zeebeInput(busArn, "bus.eventBusArn")
            .zeebeInput(group, "bus.eventGroupId")
            .zeebeInput("job", "bus.deduplication")
            .zeebeInput("batch", "event.mode")
            .zeebeInput("=events", "event.events")
            .zeebeTaskHeader("resultVariable", "put")
            .endEvent()
            .done();
    runtime
        .client()
        .newDeployResourceCommand()
        .addResourceStringUtf8(TestProcesses.xml(model), process + ".bpmn")
        .send()
        .join();
  }

  private static List<Map<String, Object>> events() {
    var events = new ArrayList<Map<String, Object>>();
    for (int n = 0; n < EVENTS; n++) {
      events.add(event(String.valueOf(n)));
    }
    return events;
  }

  private static Map<String, Object> event(String marker) {
    return Map.of(
        "eventBusName",
        "default",
        "source",
        "com.example.crash",
        "detailType",
        "CrashTest",
        "detail",
        Map.of("marker", marker));
  }

  private Map<String, String> environment() {
    var environment = ProductionRuntimeProcess.environment(runtime, gate.endpoint());
    environment.put(ProductionRuntimeProcess.PUT_EVENTS_TYPE, jobType);
    environment.put(
        ProductionRuntimeProcess.PUT_EVENTS_TIMEOUT, String.valueOf(JOB_TIMEOUT.toMillis()));
    return environment;
  }

  /** A FIFO subscriber of the test's bus, delivering WITH_METADATA to a server of the test's. */
  private void startSubscriber() throws IOException {
    subscriber = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    subscriber.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    subscriber.createContext("/", this::receive);
    subscriber.start();
    runtime.writeBusRules(
        """
        subscribers:
          - name: crash-test
            eventBusArn: %s
            target: { url: "http://localhost:%d/events" }
            transformer: { type: WITH_METADATA }
            type: FIFO
        """
            .formatted(busArn, subscriber.getAddress().getPort()));
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      synchronized (deliveries) {
        deliveries.add(body);
      }
      exchange.sendResponseHeaders(200, -1);
    }
  }

  /** The IDs of the events the subscriber received, by marker, in the order they first came. */
  private Map<String, Set<String>> eventIdsByMarker() {
    var byMarker = new LinkedHashMap<String, Set<String>>();
    synchronized (deliveries) {
      for (JsonNode body : deliveries) {
        byMarker
            .computeIfAbsent(
                body.path("Data").path("detail").path("marker").asText(),
                marker -> new LinkedHashSet<>())
            .add(body.path("SystemMetadata").path("aws:EventId").asText());
      }
    }
    return byMarker;
  }
}
