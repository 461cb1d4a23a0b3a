package io.connectors.eventbridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.connector.api.secret.SecretContext;
import io.camunda.connector.runtime.core.inbound.activitylog.ActivityLogRegistry;
import io.camunda.connector.runtime.core.inbound.correlation.InboundCorrelationHandler;
import io.camunda.connector.runtime.core.outbound.OutboundConnectorFactory;
import io.camunda.connector.runtime.core.secret.SecretProviderAggregator;
import io.camunda.connector.runtime.inbound.search.SearchQueryClient;
import io.connectors.eventbridge.outbound.EventBridgePutEventsFunction;
import io.connectors.eventbridge.runtime.support.CompletedInstance;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import io.connectors.eventbridge.runtime.support.TestProcesses;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

@LocalRuntimeTest
class LocalModeRuntimeTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired LocalRuntime runtime;
  @Autowired SearchQueryClient searchClient;
  @Autowired SecretProviderAggregator secrets;
  @Autowired OutboundConnectorFactory outboundConnectors;

  @Value("${camunda.client.grpc-address}")
  String grpcAddress;

  /**
   * The runtime opens the Put events worker with our job timeout (3 minutes: the default time
   * budget plus the SDK's call timeout plus a margin), not Zeebe's 5 minutes, so a job whose
   * replica died resumes elsewhere sooner; read from the runtime's own connector configuration.
   */
  @Test
  void thePutEventsWorkerIsOpenedWithTheJobTimeoutTiedToTheTimeBudget() {
    assertThat(outboundConnectors.getConfigurations())
        .filteredOn(configuration -> configuration.type().equals(EventBridgePutEventsFunction.TYPE))
        .singleElement()
        .satisfies(configuration -> assertThat(configuration.timeout()).isEqualTo(180_000L));
  }

  @Test
  void localSecretsReachTheConnectors() {
    var tenant = new SecretContext("<default>");
    assertThat(secrets.getSecret("RUNTIME_TEST_SECRET", tenant))
        .isEqualTo(LocalRuntime.TEST_SECRET_VALUE);
    // A default for the examples, resolved once the web server listens.
    assertThat(secrets.getSecret("EVENTBRIDGE_ENDPOINT", tenant))
        .isEqualTo(runtime.localBusEndpoint().toString());
  }

  @Test
  void perEventInfoLinesOfTheConnectorsRuntimeStayOutOfTheLogButWarningsReachIt() {
    for (var logger :
        new Logger[] {
          LoggerFactory.getLogger(ActivityLogRegistry.class),
          LoggerFactory.getLogger(InboundCorrelationHandler.class)
        }) {
      assertThat(logger.isInfoEnabled()).as(logger.getName()).isFalse();
      assertThat(logger.isWarnEnabled()).as(logger.getName()).isTrue();
    }
  }

  @Test
  void healthIsUp() throws Exception {
    var response = get("/actuator/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"UP\"");
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405NotA500() throws Exception {
    assertThat(get("/no-such-path").statusCode()).isEqualTo(404);
    var wrongMethod = get("/local-eventbridge");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
  }

  /**
   * A webhook ID is 404 only after a view of the deployments declared nothing for it; a flood of
   * requests for IDs that do not exist shares that view's refreshes (at most one per second
   * started, plus the one running) instead of reading the cluster once per request.
   */
  @Test
  void requestsForUndeclaredIdsAre404AndShareTheirDiscoveryRefreshes() throws Exception {
    double before = refreshes();
    long start = System.nanoTime();
    var answers = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Integer>>();
    for (int i = 0; i < 40; i++) {
      answers.add(
          HTTP.sendAsync(
                  HttpRequest.newBuilder(runtime.webhookUrl("undeclared-" + UUID.randomUUID()))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString("{}"))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .thenApply(HttpResponse::statusCode));
    }
    for (var answer : answers) {
      assertThat(answer.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(404);
    }
    double elapsedSeconds = (System.nanoTime() - start) / 1e9;
    assertThat(refreshes() - before).isBetween(1.0, Math.floor(elapsedSeconds) + 2);
  }

  private double refreshes() {
    return runtime.metric("eventbridge_webhook_discovery_seconds_count", "outcome=\"success\"");
  }

  @Test
  void aWebhookBodyOverTheRuntimeLimitIsRefusedBeforeAnyWebhookReadsIt() throws Exception {
    // A raw request that only declares its size: the answer must come before any body is sent,
    // which proves nothing was read into memory.
    try (var socket = new java.net.Socket("127.0.0.1", runtime.baseUrl().getPort())) {
      socket.setSoTimeout(5_000);
      socket
          .getOutputStream()
          .write(
              ("POST /inbound/any-webhook HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                      + "Content-Length: 10485761\r\nConnection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      // Read the answer as it arrives: the server then waits for the body it will discard, so
      // the connection does not close by itself.
      var answer = new StringBuilder();
      byte[] buffer = new byte[4096];
      while (!answer.toString().contains("}")) {
        int read = socket.getInputStream().read(buffer);
        if (read < 0) {
          break;
        }
        answer.append(new String(buffer, 0, read, java.nio.charset.StandardCharsets.UTF_8));
      }

      assertThat(answer.toString())
          .startsWith("HTTP/1.1 413")
          .contains("body larger than 10485760 bytes");
    }
  }

  @Test
  void camundaClientTalksToTheEmbeddedEngineOnAFreePort() {
    assertThat(grpcAddress).isEqualTo(runtime.engine().grpcAddress());
    assertThat(runtime.engine().port()).isNotEqualTo(26500);
    // The runtime's own polling must not make the engine keep every record in memory.
    assertThat(runtime.engine().readsLogDirectly()).isTrue();
    // Nor keep its state in a store whose every command slows down as the state grows.
    assertThat(runtime.engine().keepsStateInRocksDb()).isTrue();

    var topology = runtime.client().newTopologyRequest().send().join();

    assertThat(topology.getBrokers()).hasSize(1);
  }

  @Test
  void deployedWebhookStartEventGoesLiveAtTheImportersNextScanAndStartsTheProcess()
      throws Exception {
    String suffix = shortId();
    String processId = "rt-webhook-start-" + suffix;
    String webhookId = "rt-start-" + suffix;
    Instant deployedAt = Instant.now();
    runtime
        .client()
        .newDeployResourceCommand()
        .addProcessModel(TestProcesses.webhookStart(processId, webhookId), processId + ".bpmn")
        .send()
        .join();

    runtime.awaitWebhook(webhookId, Duration.ofSeconds(5));
    Duration toLive = Duration.between(deployedAt, Instant.now());
    // One importer scan (every 500 ms in local mode) plus activation: about a second when quiet.
    // The bound leaves room for a 2-core machine under load (2.19 s was seen at load 11); a
    // webhook that waited for anything slower than the importer's own poll (e.g. a restart or a
    // discovery interval of 30 s) still fails it.
    assertThat(toLive).isLessThan(Duration.ofSeconds(4));
    assertThat(get("/inbound").body()).contains(webhookId);

    var response =
        HTTP.send(
            HttpRequest.newBuilder(runtime.webhookUrl(webhookId))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"orderId\":\"42\",\"amount\":12.5}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isBetween(200, 299);

    CompletedInstance done = runtime.awaitCompleted(processId, Duration.ofSeconds(10));
    assertThat(done.variables()).containsKey("webhook");
    @SuppressWarnings("unchecked")
    var request =
        (Map<String, Object>)
            ((Map<String, Object>) done.variables().get("webhook")).get("request");
    assertThat(request.get("body")).isEqualTo(Map.of("orderId", "42", "amount", 12.5));
  }

  @Test
  void activeCatchEventsAndVariablesAreAnsweredFromTheEngineRecords() {
    String processId = "rt-wait-" + shortId();
    DeploymentEvent deployment =
        runtime
            .client()
            .newDeployResourceCommand()
            .addProcessModel(
                TestProcesses.waitForMessage(processId, "PaymentConfirmed"), processId + ".bpmn")
            .send()
            .join();
    long definitionKey = deployment.getProcesses().getFirst().getProcessDefinitionKey();
    long instanceKey =
        runtime
            .client()
            .newCreateInstanceCommand()
            .bpmnProcessId(processId)
            .latestVersion()
            .variables(Map.of("orderId", "o-1", "amount", 5))
            .send()
            .join()
            .getProcessInstanceKey();

    var waiting =
        LocalRuntime.await(
            "the catch event to be active",
            Duration.ofSeconds(5),
            () -> {
              var items = searchClient.queryActiveFlowNodes(definitionKey, "wait", null).items();
              return items.isEmpty() ? Optional.empty() : Optional.of(items);
            });
    assertThat(waiting)
        .singleElement()
        .satisfies(
            element -> {
              assertThat(element.getProcessInstanceKey()).isEqualTo(instanceKey);
              assertThat(element.getProcessDefinitionId()).isEqualTo(processId);
            });
    var variables = searchClient.queryVariables(instanceKey, null);
    assertThat(variables.items())
        .extracting(v -> v.getName() + "=" + v.getValue())
        .containsExactlyInAnyOrder("orderId=\"o-1\"", "amount=5");
    // The runtime pages with the returned cursor until a page is empty.
    assertThat(searchClient.queryVariables(instanceKey, variables.page().endCursor()).items())
        .isEmpty();

    runtime
        .client()
        .newPublishMessageCommand()
        .messageName("PaymentConfirmed")
        .correlationKey("o-1")
        .send()
        .join();

    runtime.awaitCompleted(instanceKey, Duration.ofSeconds(5));
    assertThat(searchClient.queryActiveFlowNodes(definitionKey, "wait", null).items()).isEmpty();
  }

  @Test
  void onlyTheLatestVersionOfAProcessIsOffered() {
    String processId = "rt-versions-" + shortId();
    runtime
        .client()
        .newDeployResourceCommand()
        .addProcessModel(TestProcesses.waitForMessage(processId, "First"), processId + ".bpmn")
        .send()
        .join();
    long latestKey =
        runtime
            .client()
            .newDeployResourceCommand()
            .addProcessModel(TestProcesses.waitForMessage(processId, "Second"), processId + ".bpmn")
            .send()
            .join()
            .getProcesses()
            .getFirst()
            .getProcessDefinitionKey();

    var offered =
        searchClient.queryProcessDefinitions(null).items().stream()
            .filter(p -> p.getProcessDefinitionId().equals(processId))
            .toList();

    assertThat(offered)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getVersion()).isEqualTo(2);
              assertThat(p.getProcessDefinitionKey()).isEqualTo(latestKey);
            });
    Object waitElement = searchClient.getProcessModel(latestKey).getModelElementById("wait");
    assertThat(waitElement).isNotNull();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(runtime.baseUrl().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
