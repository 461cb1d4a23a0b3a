package io.connectors.eventbridge.runtime.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.Process;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The stand-in cluster's REST API, through the real Camunda Java client configured to prefer REST,
 * as an application or Desktop Modeler would use a Camunda 8.8 cluster.
 */
@LocalRuntimeTest
class StandInClusterApiTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Autowired LocalRuntime runtime;
  @Autowired ApplicationContext runtimeContext;

  @LocalServerPort int runtimePort;

  @Value("${camunda.client.rest-address}")
  String restAddress;

  @Value("${camunda.client.grpc-address}")
  String grpcAddress;

  @Value("${eventbridge.local.rest-port}")
  int restPort;

  private CamundaClient rest;

  @BeforeEach
  void restClient() {
    rest =
        CamundaClient.newClientBuilder()
            .applyEnvironmentVariableOverrides(false)
            .restAddress(URI.create(restAddress))
            .grpcAddress(URI.create(grpcAddress))
            .preferRestOverGrpc(true)
            .build();
  }

  @AfterEach
  void close() {
    rest.close();
  }

  @Test
  void theRuntimeIsPointedAtTheStandInOnLoopback() {
    assertThat(restAddress).isEqualTo("http://127.0.0.1:" + restPort);
    assertThat(restPort).isPositive();
    assertThat(grpcAddress).startsWith("http://127.0.0.1:");
  }

  @Test
  void theApiIsServedInItsOwnContextOnlyNotByTheRuntime() throws Exception {
    for (Class<?> type : List.of(SearchController.class, CommandController.class)) {
      assertThat(runtimeContext.getBeanNamesForType(type)).as("%s beans", type).isEmpty();
    }
    assertThat(runtimeContext.getBeanNamesForType(ProblemAdvice.class)).isEmpty();
    assertThat(runtimeContext.getBeanNamesForType(ClusterApiConfiguration.class)).isEmpty();

    var onTheRuntimesPort =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtimePort + "/v2/topology"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(onTheRuntimesPort.statusCode()).isEqualTo(404);
    assertThat(get("/v2/topology").statusCode()).isEqualTo(200);
  }

  @Test
  void topologyOverRestAndGrpcReportsARealHost() {
    var overRest = rest.newTopologyRequest().send().join();
    var overGrpc = runtime.client().newTopologyRequest().send().join();

    assertThat(overRest.getClusterSize()).isEqualTo(1);
    assertThat(overRest.getPartitionsCount()).isEqualTo(1);
    assertThat(overRest.getBrokers())
        .singleElement()
        .satisfies(
            broker -> {
              assertThat(broker.getHost()).isEqualTo("127.0.0.1");
              assertThat(broker.getPort()).isEqualTo(runtime.engine().port());
              assertThat(broker.getPartitions()).singleElement();
            });
    assertThat(overGrpc.getBrokers())
        .singleElement()
        .satisfies(broker -> assertThat(broker.getHost()).isEqualTo("127.0.0.1"));
  }

  @Test
  void aDeploymentOfTwoResourcesDeploysBothAndTheSearchFindsThem() {
    String first = "rest-first-" + shortId();
    String second = "rest-second-" + shortId();

    var deployment =
        rest.newDeployResourceCommand()
            .addProcessModel(TestProcesses.waitForMessage(first, "M1"), first + ".bpmn")
            .addProcessModel(TestProcesses.waitForMessage(second, "M2"), second + ".bpmn")
            .send()
            .join();

    assertThat(deployment.getKey()).isPositive();
    assertThat(deployment.getProcesses())
        .extracting(Process::getBpmnProcessId, Process::getResourceName)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(first, first + ".bpmn"),
            org.assertj.core.groups.Tuple.tuple(second, second + ".bpmn"));
    var found =
        rest.newProcessDefinitionSearchRequest()
            .filter(f -> f.processDefinitionId(p -> p.in(first, second)).isLatestVersion(true))
            .send()
            .join();
    assertThat(found.items())
        .extracting(ProcessDefinition::getProcessDefinitionId)
        .containsExactlyInAnyOrder(first, second);
    long key = deployment.getProcesses().get(0).getProcessDefinitionKey();
    assertThat(rest.newProcessDefinitionGetXmlRequest(key).send().join())
        .contains(deployment.getProcesses().get(0).getBpmnProcessId());
  }

  @Test
  void cursorPagingWalksEveryDefinitionOnceAndEndsWithAnEmptyPage() {
    List<String> ids = new ArrayList<>();
    var command = rest.newDeployResourceCommand();
    String id0 = "rest-page-" + shortId();
    ids.add(id0);
    var step = command.addProcessModel(TestProcesses.waitForMessage(id0, "P"), id0 + ".bpmn");
    for (int i = 1; i < 5; i++) {
      String id = "rest-page-" + shortId();
      ids.add(id);
      step = step.addProcessModel(TestProcesses.waitForMessage(id, "P"), id + ".bpmn");
    }
    step.send().join();

    List<String> seen = new ArrayList<>();
    String cursor = null;
    for (int pages = 0; pages < 10; pages++) {
      String after = cursor;
      var page =
          rest.newProcessDefinitionSearchRequest()
              .filter(f -> f.processDefinitionId(p -> p.in(ids)))
              .sort(s -> s.processDefinitionId().desc())
              .page(
                  p -> {
                    p.limit(2);
                    if (after != null) {
                      p.after(after);
                    }
                  })
              .send()
              .join();
      if (page.items().isEmpty()) {
        break;
      }
      assertThat(page.page().totalItems()).isEqualTo(5);
      page.items().forEach(item -> seen.add(item.getProcessDefinitionId()));
      cursor = page.page().endCursor();
    }

    assertThat(seen).containsExactlyElementsOf(ids.stream().sorted().toList().reversed());
  }

  @Test
  void aCreatedInstanceIsFoundByTheRuntimesSearchesAndAPublishedMessageCompletesIt() {
    String processId = "rest-instance-" + shortId();
    var deployment =
        rest.newDeployResourceCommand()
            .addProcessModel(TestProcesses.waitForMessage(processId, "Paid"), processId + ".bpmn")
            .send()
            .join();
    long definitionKey = deployment.getProcesses().get(0).getProcessDefinitionKey();

    var instance =
        rest.newCreateInstanceCommand()
            .bpmnProcessId(processId)
            .latestVersion()
            .variables(Map.of("orderId", "o-7", "amount", 3))
            .send()
            .join();

    assertThat(instance.getProcessDefinitionKey()).isEqualTo(definitionKey);
    long instanceKey = instance.getProcessInstanceKey();
    // The searches the connectors runtime sends, as it sends them.
    var waiting =
        LocalRuntime.await(
            "the catch event to be active",
            TIMEOUT,
            () -> {
              var items =
                  rest.newElementInstanceSearchRequest()
                      .filter(
                          f ->
                              f.processDefinitionKey(definitionKey)
                                  .elementId("wait")
                                  .state(ElementInstanceState.ACTIVE))
                      .page(p -> p.limit(10))
                      .send()
                      .join()
                      .items();
              return items.isEmpty() ? Optional.empty() : Optional.of(items);
            });
    assertThat(waiting)
        .singleElement()
        .satisfies(
            element -> {
              assertThat(element.getProcessInstanceKey()).isEqualTo(instanceKey);
              assertThat(element.getState()).isEqualTo(ElementInstanceState.ACTIVE);
            });
    var variables =
        rest.newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(instanceKey).scopeKey(instanceKey))
            .send()
            .join();
    assertThat(variables.items())
        .extracting(v -> v.getName() + "=" + v.getValue())
        .containsExactlyInAnyOrder("orderId=\"o-7\"", "amount=3");

    var published =
        rest.newPublishMessageCommand()
            .messageName("Paid")
            .correlationKey("o-7")
            .variables(Map.of("paid", true))
            .send()
            .join();

    assertThat(published.getMessageKey()).isPositive();
    assertThat(runtime.awaitCompleted(instanceKey, TIMEOUT).variables())
        .containsEntry("paid", true);
  }

  @Test
  void anUnknownProcessIdIsANotFoundProblem() {
    assertThatThrownBy(
            () ->
                rest.newCreateInstanceCommand()
                    .bpmnProcessId("no-such-process-" + shortId())
                    .latestVersion()
                    .send()
                    .join())
        .isInstanceOfSatisfying(
            ProblemException.class,
            problem -> {
              assertThat(problem.code()).isEqualTo(404);
              assertThat(problem.details().getTitle()).isEqualTo("NOT_FOUND");
              assertThat(problem.details().getDetail()).contains("no-such-process-");
              assertThat(problem.details().getInstance())
                  .isEqualTo(URI.create("/v2/process-instances"));
            });
  }

  @Test
  void aPathThatIsNotServedIsANotFoundProblem() throws Exception {
    var response = get("/v2/user-tasks/42");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("status").asInt()).isEqualTo(404);
    assertThat(problem.path("title").asText()).isEqualTo("Not Found");
    assertThat(problem.path("type").asText()).isEqualTo("about:blank");
    assertThat(problem.path("detail").asText()).isEqualTo("No static resource v2/user-tasks/42.");
    assertThat(problem.path("instance").asText()).isEqualTo("/v2/user-tasks/42");
  }

  @Test
  void aFilterFieldTheStandInDoesNotSupportIsABadRequestNotIgnored() throws Exception {
    var response =
        post("/v2/process-definitions/search", "{\"filter\":{\"processDefinitionVersion\":1}}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("title").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(problem.path("detail").asText()).contains("filter.processDefinitionVersion");
  }

  @Test
  void anUnknownProcessDefinitionKeyIsANotFoundProblem() {
    assertThatThrownBy(() -> rest.newProcessDefinitionGetXmlRequest(1L).send().join())
        .isInstanceOfSatisfying(
            ProblemException.class, problem -> assertThat(problem.code()).isEqualTo(404));
  }

  @Test
  void aRequestFromAWebPageIsForbiddenBeforeItDeploysAnything() throws Exception {
    // What a page in the developer's browser can send without a CORS preflight.
    var response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(restAddress + "/v2/deployments"))
                .header("Origin", "https://attacker.example")
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "--x\r\nContent-Disposition: form-data; name=\"resources\";"
                            + " filename=\"p.bpmn\"\r\n\r\n<definitions/>\r\n--x--\r\n"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(403);
  }

  @Test
  void aBrokenMultipartBodyIsABadRequestNotAServerError() throws Exception {
    var response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(restAddress + "/v2/deployments"))
                .header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofString("--x\r\ntruncated"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("title").asText()).isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void mixedNumbersDatesAndTextSortInOneTotalOrder() {
    var values =
        new java.util.ArrayList<Object>(
            java.util.List.of("10", "2.5", "3", "abc", "2026-01-31T12:00:00Z", 7L, "Z"));
    for (int round = 0; round < 50; round++) {
      java.util.Collections.shuffle(values, new java.util.Random(round));
      values.sort(SearchQuery::compare);
      assertThat(values).containsExactly("2.5", "3", 7L, "10", "2026-01-31T12:00:00Z", "Z", "abc");
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(restAddress + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(restAddress + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
