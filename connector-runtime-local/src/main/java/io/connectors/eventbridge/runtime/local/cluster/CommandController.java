package io.connectors.eventbridge.runtime.local.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.CreateProcessInstanceCommandStep1.CreateProcessInstanceCommandStep3;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.command.FinalCommandStep;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.client.api.response.Topology;
import io.camunda.client.protocol.rest.BrokerInfo;
import io.camunda.client.protocol.rest.CreateProcessInstanceResult;
import io.camunda.client.protocol.rest.DeploymentDecisionRequirementsResult;
import io.camunda.client.protocol.rest.DeploymentDecisionResult;
import io.camunda.client.protocol.rest.DeploymentFormResult;
import io.camunda.client.protocol.rest.DeploymentMetadataResult;
import io.camunda.client.protocol.rest.DeploymentProcessResult;
import io.camunda.client.protocol.rest.DeploymentResourceResult;
import io.camunda.client.protocol.rest.DeploymentResult;
import io.camunda.client.protocol.rest.MessagePublicationResult;
import io.camunda.client.protocol.rest.Partition;
import io.camunda.client.protocol.rest.TopologyResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Commands of the Orchestration Cluster API, passed to the embedded engine over its gRPC gateway by
 * a Camunda client of this context, and answered with Camunda's generated REST models; the engine's
 * rejections come back as problems the way Camunda's gateway maps them (see {@link ProblemAdvice}).
 */
@RestController
@RequestMapping(path = "/v2", produces = MediaType.APPLICATION_JSON_VALUE)
class CommandController {

  private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() {};
  private static final Set<String> CREATE_FIELDS =
      Set.of(
          "processDefinitionId",
          "processDefinitionVersion",
          "processDefinitionKey",
          "variables",
          "tenantId",
          "startInstructions",
          "runtimeInstructions",
          "awaitCompletion",
          "fetchVariables",
          "requestTimeout",
          "tags");
  private static final Set<String> PUBLISH_FIELDS =
      Set.of("name", "correlationKey", "timeToLive", "messageId", "variables", "tenantId");

  private static final String DEFAULT_TENANT = "<default>";

  private final CamundaClient engine;
  private final ObjectMapper json;

  CommandController(CamundaClient engine, ObjectMapper json) {
    this.engine = engine;
    this.json = json;
  }

  @GetMapping("/topology")
  TopologyResponse topology() {
    Topology topology = engine.newTopologyRequest().send().join();
    List<BrokerInfo> brokers = new ArrayList<>();
    for (var broker : topology.getBrokers()) {
      List<Partition> partitions = new ArrayList<>();
      for (var partition : broker.getPartitions()) {
        partitions.add(
            new Partition()
                .partitionId(partition.getPartitionId())
                .role(Partition.RoleEnum.fromValue(lowerCase(partition.getRole().name())))
                .health(Partition.HealthEnum.fromValue(lowerCase(partition.getHealth().name()))));
      }
      brokers.add(
          new BrokerInfo()
              .nodeId(broker.getNodeId())
              .host(broker.getHost())
              .port(broker.getPort())
              .partitions(partitions)
              .version(broker.getVersion()));
    }
    return new TopologyResponse()
        .brokers(brokers)
        .clusterSize(topology.getClusterSize())
        .partitionsCount(topology.getPartitionsCount())
        .replicationFactor(topology.getReplicationFactor())
        .gatewayVersion(topology.getGatewayVersion())
        // Required by the API's schema; the in-memory engine never changes its cluster, so no
        // change has completed.
        .lastCompletedChangeId("-1");
  }

  @PostMapping(path = "/deployments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  DeploymentResult deploy(
      @RequestPart("resources") List<MultipartFile> resources,
      @RequestParam(name = "tenantId", required = false) String tenantId) {
    if (resources.isEmpty()) {
      throw ApiProblem.invalidArgument("No resources provided.");
    }
    DeployResourceCommandStep2 command = null;
    for (MultipartFile resource : resources) {
      byte[] bytes;
      try {
        bytes = resource.getBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String name = resource.getOriginalFilename();
      command =
          command == null
              ? engine.newDeployResourceCommand().addResourceBytes(bytes, name)
              : command.addResourceBytes(bytes, name);
    }
    if (tenantId != null && !tenantId.isBlank()) {
      command = command.tenantId(tenantId);
    }
    return deployment(command.send().join());
  }

  private static DeploymentResult deployment(DeploymentEvent event) {
    List<DeploymentMetadataResult> deployments = new ArrayList<>();
    for (var p : event.getProcesses()) {
      deployments.add(
          new DeploymentMetadataResult()
              .processDefinition(
                  new DeploymentProcessResult()
                      .processDefinitionId(p.getBpmnProcessId())
                      .processDefinitionVersion(p.getVersion())
                      .resourceName(p.getResourceName())
                      .tenantId(tenant(p.getTenantId()))
                      .processDefinitionKey(String.valueOf(p.getProcessDefinitionKey()))));
    }
    for (var d : event.getDecisions()) {
      deployments.add(
          new DeploymentMetadataResult()
              .decisionDefinition(
                  new DeploymentDecisionResult()
                      .decisionDefinitionId(d.getDmnDecisionId())
                      .version(d.getVersion())
                      .name(d.getDmnDecisionName())
                      .tenantId(tenant(d.getTenantId()))
                      .decisionRequirementsId(d.getDmnDecisionRequirementsId())
                      .decisionDefinitionKey(String.valueOf(d.getDecisionKey()))
                      .decisionRequirementsKey(String.valueOf(d.getDecisionRequirementsKey()))));
    }
    for (var r : event.getDecisionRequirements()) {
      deployments.add(
          new DeploymentMetadataResult()
              .decisionRequirements(
                  new DeploymentDecisionRequirementsResult()
                      .decisionRequirementsId(r.getDmnDecisionRequirementsId())
                      .version(r.getVersion())
                      .decisionRequirementsName(r.getDmnDecisionRequirementsName())
                      .tenantId(tenant(r.getTenantId()))
                      .resourceName(r.getResourceName())
                      .decisionRequirementsKey(String.valueOf(r.getDecisionRequirementsKey()))));
    }
    for (var f : event.getForm()) {
      deployments.add(
          new DeploymentMetadataResult()
              .form(
                  new DeploymentFormResult()
                      .formId(f.getFormId())
                      .version(f.getVersion())
                      .resourceName(f.getResourceName())
                      .tenantId(tenant(f.getTenantId()))
                      .formKey(String.valueOf(f.getFormKey()))));
    }
    for (var r : event.getResource()) {
      deployments.add(
          new DeploymentMetadataResult()
              .resource(
                  new DeploymentResourceResult()
                      .resourceId(r.getResourceId())
                      .version(r.getVersion())
                      .resourceName(r.getResourceName())
                      .tenantId(tenant(r.getTenantId()))
                      .resourceKey(String.valueOf(r.getResourceKey()))));
    }
    return new DeploymentResult()
        .deploymentKey(String.valueOf(event.getKey()))
        .tenantId(tenant(event.getTenantId()))
        .deployments(deployments);
  }

  @PostMapping(path = "/process-instances", consumes = MediaType.APPLICATION_JSON_VALUE)
  CreateProcessInstanceResult createProcessInstance(@RequestBody JsonNode body) {
    requireFields(body, CREATE_FIELDS);
    boolean byId = present(body, "processDefinitionId");
    boolean byKey = present(body, "processDefinitionKey");
    if (byId == byKey) {
      throw ApiProblem.invalidArgument(
          byId
              ? "Only one of [processDefinitionId, processDefinitionKey] is allowed."
              : "At least one of [processDefinitionId, processDefinitionKey] is required.");
    }
    var start = engine.newCreateInstanceCommand();
    CreateProcessInstanceCommandStep3 command;
    if (byId) {
      var step = start.bpmnProcessId(body.get("processDefinitionId").asText());
      command =
          present(body, "processDefinitionVersion")
                  && body.get("processDefinitionVersion").asInt(-1) != -1
              ? step.version(intField(body, "processDefinitionVersion"))
              : step.latestVersion();
    } else {
      command = start.processDefinitionKey(keyField(body, "processDefinitionKey"));
    }
    if (present(body, "variables")) {
      command = command.variables(variables(body.get("variables"), "variables"));
    }
    if (present(body, "tenantId")) {
      command = command.tenantId(body.get("tenantId").asText());
    }
    if (present(body, "tags")) {
      List<String> tags = new ArrayList<>();
      body.get("tags").forEach(tag -> tags.add(tag.asText()));
      command = command.tags(tags);
    }
    if (present(body, "startInstructions")) {
      for (JsonNode instruction : body.get("startInstructions")) {
        requireFields(instruction, Set.of("elementId"));
        command = command.startBeforeElement(instruction.path("elementId").asText());
      }
    }
    if (present(body, "runtimeInstructions")) {
      for (JsonNode instruction : body.get("runtimeInstructions")) {
        requireFields(instruction, Set.of("type", "afterElementId"));
        if (!"TERMINATE_PROCESS_INSTANCE".equals(instruction.path("type").asText())) {
          throw ApiProblem.invalidArgument(
              "Request property [runtimeInstructions.type] supports only"
                  + " TERMINATE_PROCESS_INSTANCE");
        }
        command = command.terminateAfterElement(instruction.path("afterElementId").asText());
      }
    }
    if (body.path("awaitCompletion").asBoolean(false)) {
      var withResult = command.withResult();
      if (present(body, "fetchVariables")) {
        List<String> names = new ArrayList<>();
        body.get("fetchVariables").forEach(name -> names.add(name.asText()));
        withResult = withResult.fetchVariables(names);
      }
      long timeout = body.path("requestTimeout").asLong(0);
      FinalCommandStep<ProcessInstanceResult> send =
          timeout > 0 ? withResult.requestTimeout(Duration.ofMillis(timeout)) : withResult;
      var result = send.send().join();
      return instance(
          result.getBpmnProcessId(),
          result.getVersion(),
          tenant(result.getTenantId()),
          result.getVariablesAsMap(),
          result.getProcessDefinitionKey(),
          result.getProcessInstanceKey(),
          result.getTags());
    }
    var event = command.send().join();
    return instance(
        event.getBpmnProcessId(),
        event.getVersion(),
        tenant(event.getTenantId()),
        Map.of(),
        event.getProcessDefinitionKey(),
        event.getProcessInstanceKey(),
        event.getTags());
  }

  private static CreateProcessInstanceResult instance(
      String processId,
      int version,
      String tenantId,
      Map<String, Object> variables,
      long processDefinitionKey,
      long processInstanceKey,
      Set<String> tags) {
    return new CreateProcessInstanceResult()
        .processDefinitionId(processId)
        .processDefinitionVersion(version)
        .tenantId(tenantId)
        .variables(variables)
        .processDefinitionKey(String.valueOf(processDefinitionKey))
        .processInstanceKey(String.valueOf(processInstanceKey))
        .tags(tags == null ? Set.of() : tags);
  }

  @PostMapping(path = "/messages/publication", consumes = MediaType.APPLICATION_JSON_VALUE)
  MessagePublicationResult publishMessage(@RequestBody JsonNode body) {
    requireFields(body, PUBLISH_FIELDS);
    if (!present(body, "name") || body.get("name").asText().isBlank()) {
      throw ApiProblem.invalidArgument("No name provided.");
    }
    var command =
        engine
            .newPublishMessageCommand()
            .messageName(body.get("name").asText())
            .correlationKey(body.path("correlationKey").asText(""));
    if (present(body, "timeToLive")) {
      command = command.timeToLive(Duration.ofMillis(body.get("timeToLive").asLong()));
    }
    if (present(body, "messageId")) {
      command = command.messageId(body.get("messageId").asText());
    }
    if (present(body, "variables")) {
      command = command.variables(variables(body.get("variables"), "variables"));
    }
    if (present(body, "tenantId")) {
      command = command.tenantId(body.get("tenantId").asText());
    }
    var response = command.send().join();
    return new MessagePublicationResult()
        .tenantId(tenant(response.getTenantId()))
        .messageKey(String.valueOf(response.getMessageKey()));
  }

  // --- request helpers ---

  private Map<String, Object> variables(JsonNode node, String path) {
    if (!node.isObject()) {
      throw ApiProblem.cannotParse(path);
    }
    return json.convertValue(node, VARIABLES);
  }

  private static void requireFields(JsonNode body, Set<String> known) {
    if (body == null || !body.isObject()) {
      throw ApiProblem.cannotParse("");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw ApiProblem.invalidArgument(
            "Request property [%s] is not supported by local mode".formatted(name));
      }
    }
  }

  private static boolean present(JsonNode body, String field) {
    return body.hasNonNull(field);
  }

  private static int intField(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (!value.canConvertToInt()) {
      throw ApiProblem.cannotParse(field);
    }
    return value.intValue();
  }

  private static long keyField(JsonNode body, String field) {
    JsonNode value = body.get(field);
    try {
      return value.isNumber() ? value.longValue() : Long.parseLong(value.asText());
    } catch (NumberFormatException e) {
      throw ApiProblem.cannotParse(field);
    }
  }

  /**
   * The tenant of an answer. The embedded gateway's responses leave it empty where Camunda's
   * gateway answers the default tenant, which the API's schema requires (the SDKs validate it).
   */
  private static String tenant(String tenantId) {
    return tenantId == null || tenantId.isBlank() ? DEFAULT_TENANT : tenantId;
  }

  private static String lowerCase(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
