package io.connectors.eventbridge.runtime.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.protocol.rest.CreateProcessInstanceResult;
import io.camunda.client.protocol.rest.DeploymentResult;
import io.camunda.client.protocol.rest.ElementInstanceResult;
import io.camunda.client.protocol.rest.ElementInstanceSearchQueryResult;
import io.camunda.client.protocol.rest.ElementInstanceStateEnum;
import io.camunda.client.protocol.rest.MessagePublicationResult;
import io.camunda.client.protocol.rest.Partition;
import io.camunda.client.protocol.rest.ProblemDetail;
import io.camunda.client.protocol.rest.ProcessDefinitionResult;
import io.camunda.client.protocol.rest.ProcessDefinitionSearchQueryResult;
import io.camunda.client.protocol.rest.TopologyResponse;
import io.camunda.client.protocol.rest.VariableSearchQueryResult;
import io.camunda.client.protocol.rest.VariableSearchResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import io.connectors.eventbridge.runtime.support.TestProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Every answer of the stand-in cluster API, over plain HTTP, checked against Camunda's OpenAPI spec
 * of 8.8 and read back into {@code camunda-client-java}'s generated models with unknown properties
 * refused: a field Camunda's API does not have, a missing required field, a wrong type or format
 * fails here rather than in a client's strict validation.
 */
@LocalRuntimeTest
class StandInClusterAnswersTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final CamundaRestContract CONTRACT = new CamundaRestContract();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Value("${camunda.client.rest-address}")
  String restAddress;

  @Test
  void topology() {
    var topology = CONTRACT.read(get("/topology"), "GET", "/topology", TopologyResponse.class);

    assertThat(topology.getClusterSize()).isEqualTo(1);
    assertThat(topology.getBrokers())
        .singleElement()
        .satisfies(
            broker ->
                assertThat(broker.getPartitions())
                    .singleElement()
                    .extracting(Partition::getRole)
                    .isEqualTo(Partition.RoleEnum.LEADER));
  }

  @Test
  void deploymentSearchesAndReadsOfADefinition() {
    String processId = "answers-" + shortId();
    String formId = "answers-form-" + shortId();

    var deployment =
        CONTRACT.read(
            deploy(
                processId + ".bpmn",
                TestProcesses.xml(TestProcesses.waitForMessage(processId, "M")),
                formId + ".form",
                "{\"id\":\"%s\",\"type\":\"default\",\"components\":[]}".formatted(formId)),
            "POST",
            "/deployments",
            DeploymentResult.class);

    assertThat(deployment.getDeployments()).hasSize(2);
    String key =
        deployment.getDeployments().get(0).getProcessDefinition().getProcessDefinitionKey();
    assertThat(deployment.getDeployments().get(1).getForm().getFormId()).isEqualTo(formId);

    var found =
        CONTRACT.read(
            post(
                "/process-definitions/search",
                "{\"filter\":{\"processDefinitionId\":\"%s\"}}".formatted(processId)),
            "POST",
            "/process-definitions/search",
            ProcessDefinitionSearchQueryResult.class);
    assertThat(found.getItems())
        .singleElement()
        .extracting(ProcessDefinitionResult::getProcessDefinitionKey)
        .isEqualTo(key);
    assertThat(found.getPage().getStartCursor()).isNotNull();

    var none =
        CONTRACT.read(
            post(
                "/process-definitions/search",
                "{\"filter\":{\"processDefinitionId\":\"none-%s\"}}".formatted(processId)),
            "POST",
            "/process-definitions/search",
            ProcessDefinitionSearchQueryResult.class);
    assertThat(none.getItems()).isEmpty();
    assertThat(none.getPage().getTotalItems()).isZero();

    var definition =
        CONTRACT.read(
            get("/process-definitions/" + key),
            "GET",
            "/process-definitions/{processDefinitionKey}",
            ProcessDefinitionResult.class);
    assertThat(definition.getProcessDefinitionId()).isEqualTo(processId);

    var xml = get("/process-definitions/" + key + "/xml");
    assertThat(xml.statusCode()).isEqualTo(200);
    assertThat(xml.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
  }

  @Test
  void instanceCreationElementInstanceAndVariableSearchesAndAMessage() {
    String processId = "answers-wait-" + shortId();
    deploy(processId + ".bpmn", TestProcesses.xml(TestProcesses.waitForMessage(processId, "Go")));
    String orderId = "o-" + shortId();

    var instance =
        CONTRACT.read(
            post(
                "/process-instances",
                "{\"processDefinitionId\":\"%s\",\"variables\":{\"orderId\":\"%s\"}}"
                    .formatted(processId, orderId)),
            "POST",
            "/process-instances",
            CreateProcessInstanceResult.class);
    String instanceKey = instance.getProcessInstanceKey();

    var waiting =
        LocalRuntime.await(
            "the catch event to be active",
            TIMEOUT,
            () -> {
              var items =
                  CONTRACT
                      .read(
                          post(
                              "/element-instances/search",
                              "{\"filter\":{\"processInstanceKey\":\"%s\",\"elementId\":\"wait\"}}"
                                  .formatted(instanceKey)),
                          "POST",
                          "/element-instances/search",
                          ElementInstanceSearchQueryResult.class)
                      .getItems();
              return items.isEmpty() ? Optional.empty() : Optional.of(items);
            });
    assertThat(waiting)
        .singleElement()
        .satisfies(
            element -> {
              assertThat(element.getState()).isEqualTo(ElementInstanceStateEnum.ACTIVE);
              assertThat(element.getType())
                  .isEqualTo(ElementInstanceResult.TypeEnum.INTERMEDIATE_CATCH_EVENT);
              // The element has no name in the BPMN: named by its id, as Camunda's gateway does.
              assertThat(element.getElementName()).isEqualTo("wait");
            });

    var variables =
        CONTRACT.read(
            post(
                "/variables/search",
                "{\"filter\":{\"processInstanceKey\":\"%s\"}}".formatted(instanceKey)),
            "POST",
            "/variables/search",
            VariableSearchQueryResult.class);
    assertThat(variables.getItems())
        .extracting(VariableSearchResult::getName, VariableSearchResult::getValue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("orderId", "\"" + orderId + "\""));

    var published =
        CONTRACT.read(
            post(
                "/messages/publication",
                "{\"name\":\"Go\",\"correlationKey\":\"%s\"}".formatted(orderId)),
            "POST",
            "/messages/publication",
            MessagePublicationResult.class);
    assertThat(published.getMessageKey()).isNotBlank();
  }

  @Test
  void anInstanceCreatedAwaitingCompletionWithItsVariables() {
    String processId = "answers-done-" + shortId();
    deploy(
        processId + ".bpmn",
        TestProcesses.xml(Bpmn.createExecutableProcess(processId).startEvent().endEvent().done()));

    var done =
        CONTRACT.read(
            post(
                "/process-instances",
                "{\"processDefinitionId\":\"%s\",\"variables\":{\"n\":1},\"awaitCompletion\":true}"
                    .formatted(processId)),
            "POST",
            "/process-instances",
            CreateProcessInstanceResult.class);

    assertThat(done.getVariables()).containsEntry("n", 1);
  }

  @Test
  void problems() {
    var notFound =
        CONTRACT.read(
            get("/process-definitions/1"),
            "GET",
            "/process-definitions/{processDefinitionKey}",
            ProblemDetail.class);
    assertThat(notFound.getStatus()).isEqualTo(404);
    assertThat(notFound.getInstance()).isEqualTo(URI.create("/v2/process-definitions/1"));

    var invalid =
        CONTRACT.read(
            post("/variables/search", "{\"filter\":{\"noSuchField\":1}}"),
            "POST",
            "/variables/search",
            ProblemDetail.class);
    assertThat(invalid.getTitle()).isEqualTo("INVALID_ARGUMENT");

    var unsupported =
        CONTRACT.read(
            send(
                HttpRequest.newBuilder(uri("/process-instances"))
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("x"))),
            "POST",
            "/process-instances",
            ProblemDetail.class);
    assertThat(unsupported.getStatus()).isEqualTo(415);

    var fromAPage =
        CONTRACT.read(
            send(
                HttpRequest.newBuilder(uri("/topology"))
                    .header("Origin", "https://page.example")
                    .GET()),
            "GET",
            "/topology",
            ProblemDetail.class);
    assertThat(fromAPage.getStatus()).isEqualTo(403);

    var notServed =
        CONTRACT.read(
            get("/user-tasks/42"), "GET", "/user-tasks/{userTaskKey}", ProblemDetail.class);
    assertThat(notServed.getTitle()).isEqualTo("Not Found");
  }

  private HttpResponse<String> deploy(String... namesAndContents) {
    String boundary = "answers-" + UUID.randomUUID();
    var body = new StringBuilder();
    for (int i = 0; i < namesAndContents.length; i += 2) {
      body.append("--")
          .append(boundary)
          .append("\r\nContent-Disposition: form-data; name=\"resources\"; filename=\"")
          .append(namesAndContents[i])
          .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n")
          .append(namesAndContents[i + 1])
          .append("\r\n");
    }
    body.append("--").append(boundary).append("--\r\n");
    var answer =
        send(
            HttpRequest.newBuilder(uri("/deployments"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(
                    HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return answer;
  }

  private HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  private HttpResponse<String> post(String path, String json) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private URI uri(String path) {
    return URI.create(restAddress + "/v2" + path);
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
