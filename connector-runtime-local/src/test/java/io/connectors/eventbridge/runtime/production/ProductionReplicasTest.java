package io.connectors.eventbridge.runtime.production;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.eventbridge.runtime.support.Await;
import io.connectors.eventbridge.runtime.support.EventBridgeWebhookModels;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import io.connectors.eventbridge.runtime.support.ProductionRuntimeProcess;
import io.connectors.eventbridge.runtime.support.TestProcesses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The production artifact, run as platform engineers run it: two replicas of {@code
 * connector-runtime-<version>-exec.jar}, separate processes configured only through {@code
 * CAMUNDA_CLIENT_*} and secret variables, against local mode's engine through Camunda's public APIs
 * (gRPC for commands and jobs, REST v2 for the runtime's webhook discovery).
 */
@LocalRuntimeTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductionReplicasTest {

  private static final Duration START = Duration.ofSeconds(180);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired LocalRuntime runtime;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String webhookId = "replicas-" + suffix;
  private final String webhookProcess = "replicas-webhook-" + suffix;
  private final String putProcess = "replicas-put-" + suffix;
  private final String startingWebhookId = "starting-" + suffix;
  private ProductionRuntimeProcess replicaA;
  private ProductionRuntimeProcess replicaB;
  private Map<String, String> environment;

  @BeforeAll
  void startTwoReplicas() throws Exception {
    // Deployed before the replicas start: their first discovery finds them.
    EventBridgeWebhookModels.deploy(
        runtime,
        "replicas-starting-" + suffix,
        EventBridgeWebhookModels.startEvent(
            "replicas-starting-" + suffix, EventBridgeWebhookModels.webhook(startingWebhookId)));
    var properties = EventBridgeWebhookModels.webhook(webhookId);
    properties.put("messageTtl", "PT1H");
    EventBridgeWebhookModels.deploy(
        runtime,
        webhookProcess,
        EventBridgeWebhookModels.messageStartEvent(
            webhookProcess, "replicas-" + suffix, properties));
    environment = ProductionRuntimeProcess.environment(runtime, runtime.localBusEndpoint());
    // The runtime's importer polls rarely, as in production (5 s by default): a webhook deployed
    // after start-up is activated because a request asked for it, not by a poll.
    environment.put("CAMUNDA_CONNECTOR_POLLING_INTERVAL", "60000");
    // Started side by side: each takes most of a core for a while.
    var a =
        CompletableFuture.supplyAsync(
            () -> ProductionRuntimeProcess.start("replica-a", environment, START));
    var b =
        CompletableFuture.supplyAsync(
            () -> ProductionRuntimeProcess.start("replica-b", environment, START));
    // Both are kept before a failure is rethrown, so that @AfterAll stops whichever did start.
    replicaA = a.handle((replica, failure) -> replica).join();
    replicaB = b.handle((replica, failure) -> replica).join();
    a.join();
    b.join();
  }

  @AfterAll
  void stopReplicas() {
    for (var replica : new ProductionRuntimeProcess[] {replicaA, replicaB}) {
      if (replica != null) {
        replica.close();
      }
    }
  }

  @Test
  void bothReplicasServeTheWebhookAndARedeliveredEventCreatesNothingTwice() throws Exception {
    for (var replica : List.of(replicaA, replicaB)) {
      replica.awaitInboundHealth(webhookProcess, "UP", TIMEOUT);
    }

    String event = orderPlaced("evt-" + suffix);
    var first = post(replicaA.webhookUrl(webhookId), event);
    var redelivered = post(replicaB.webhookUrl(webhookId), event);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(outcome(first)).isEqualTo("MESSAGE_PUBLISHED");
    assertThat(redelivered.statusCode()).isEqualTo(200);
    // The engine refused the second publication: the other replica knew nothing of the first.
    assertThat(outcome(redelivered)).isEqualTo("DUPLICATE");
    runtime.awaitCompleted(webhookProcess, TIMEOUT);
    assertThat(runtime.instancesOf(webhookProcess)).isEqualTo(1);
  }

  @Test
  void outboundJobsAreSharedByTheReplicasWithoutLoss() {
    runtime
        .client()
        .newDeployResourceCommand()
        .addProcessModel(
            TestProcesses.putEventWithSecrets(putProcess, "com.example.replicas", "ReplicaTest"),
            putProcess + ".bpmn")
        .send()
        .join();
    double doneByA = completedTasks(replicaA);
    double doneByB = completedTasks(replicaB);

    int instances = 40;
    List<Long> keys = new ArrayList<>();
    for (int n = 0; n < instances; n++) {
      keys.add(runtime.startInstance(putProcess, Map.of("n", n)));
    }
    keys.forEach(key -> runtime.awaitCompleted(key, TIMEOUT));

    // Local mode's own runtime works jobs too; each replica must have done its share.
    assertThat(completedTasks(replicaA) - doneByA).isPositive();
    assertThat(completedTasks(replicaB) - doneByB).isPositive();
  }

  /**
   * From the moment its port opens, a starting replica answers a deployed webhook 503 with
   * Retry-After (EventBridge retries) until the webhook is active, never 404 (EventBridge drops the
   * event); once its readiness is UP, it serves the webhook.
   */
  @Test
  void aStartingReplicaAnswers503NeverA404UntilItsWebhooksAreActive() {
    var statuses = new ArrayList<Integer>();
    try (var replicaC = ProductionRuntimeProcess.launch("replica-c", environment)) {
      Await.until(
          "replica-c to serve the webhook (log: " + replicaC.log() + ")",
          START,
          () -> {
            assertThat(replicaC.isAlive()).as("replica-c is running").isTrue();
            boolean readyBefore =
                replicaC
                    .get("/actuator/health/readiness")
                    .filter(r -> r.statusCode() == 200)
                    .isPresent();
            var answer =
                tryPost(
                    replicaC.webhookUrl(startingWebhookId),
                    orderPlaced("start-" + statuses.size()));
            if (answer.isEmpty()) {
              return Optional.empty(); // port not open yet
            }
            int status = answer.get().statusCode();
            statuses.add(status);
            if (status == 503) {
              assertThat(answer.get().headers().firstValue("Retry-After")).isPresent();
              assertThat(readyBefore).as("503 while readiness was UP").isFalse();
            }
            return status == 200 ? Optional.of(true) : Optional.empty();
          });
    }
    System.out.printf(
        "replica-c answered while starting: %d x 503, then 200 (%s)%n",
        statuses.stream().filter(status -> status == 503).count(), statuses);
    assertThat(statuses).as("answers while replica-c started").doesNotContain(404).endsWith(200);
    assertThat(statuses).allMatch(status -> status == 200 || status == 503);
  }

  /**
   * A webhook deployed while the replicas run is 503, never 404, on a replica that has not
   * activated it yet (another replica may already serve it), and is served soon on each, without
   * waiting for the importer's next poll; an ID that no deployment declares is 404.
   */
  @Test
  void aWebhookDeployedAfterStartIsNeverA404AndAnUndeclaredIdIs() {
    String lateId = "late-" + suffix;
    String lateProcess = "late-webhook-" + suffix;
    var properties = EventBridgeWebhookModels.webhook(lateId);
    properties.put("messageTtl", "PT1H");
    EventBridgeWebhookModels.deploy(
        runtime,
        lateProcess,
        EventBridgeWebhookModels.messageStartEvent(lateProcess, "late-" + suffix, properties));
    for (var replica : List.of(replicaA, replicaB)) {
      var statuses = new ArrayList<Integer>();
      Await.until(
          replica.name() + " to serve the webhook deployed after it started",
          Duration.ofSeconds(20),
          () -> {
            var answer =
                tryPost(
                    replica.webhookUrl(lateId),
                    orderPlaced("late-" + replica.name() + "-" + statuses.size()));
            answer.ifPresent(response -> statuses.add(response.statusCode()));
            return answer.filter(response -> response.statusCode() == 200).map(r -> true);
          });
      assertThat(statuses).as(replica.name()).allMatch(s -> s == 200 || s == 503);
      var undeclared = tryPost(replica.webhookUrl("never-deployed-" + suffix), orderPlaced("x"));
      assertThat(undeclared).get().extracting(HttpResponse::statusCode).isEqualTo(404);
    }
  }

  private static Optional<HttpResponse<String>> tryPost(URI url, String body) {
    try {
      return Optional.of(post(url, body));
    } catch (java.io.IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static double completedTasks(ProductionRuntimeProcess replica) {
    return replica.metric("eventbridge_outbound_tasks_seconds_count", "outcome=\"completed\"");
  }

  private static String orderPlaced(String id) {
    return """
        {"version":"0","id":"%s","detail-type":"OrderPlaced","source":"com.example.orders",\
        "account":"000000000000","time":"2026-01-31T12:00:00Z","region":"us-east-1",\
        "resources":[],"detail":{"orderId":"o-%s"}}"""
        .formatted(id, id);
  }

  private static HttpResponse<String> post(URI url, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String outcome(HttpResponse<String> response) throws Exception {
    JsonNode body = JSON.readTree(response.body());
    return body.path("outcome").asText();
  }
}
