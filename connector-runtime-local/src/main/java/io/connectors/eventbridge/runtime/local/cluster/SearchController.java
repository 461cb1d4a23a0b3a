package io.connectors.eventbridge.runtime.local.cluster;

import static io.connectors.eventbridge.runtime.local.cluster.SearchQuery.field;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.protocol.rest.ElementInstanceResult;
import io.camunda.client.protocol.rest.ElementInstanceSearchQueryResult;
import io.camunda.client.protocol.rest.ElementInstanceStateEnum;
import io.camunda.client.protocol.rest.ProcessDefinitionResult;
import io.camunda.client.protocol.rest.ProcessDefinitionSearchQueryResult;
import io.camunda.client.protocol.rest.VariableSearchQueryResult;
import io.camunda.client.protocol.rest.VariableSearchResult;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The searches and reads of the Orchestration Cluster API that the connectors runtime uses to
 * discover inbound connectors, answered from the {@link EngineStateProjection} with Camunda's
 * generated REST models.
 *
 * <p>Element instances: the projection keeps active ones only, so a search answers with active
 * element instances, and a state filter for any other state is a 400; an element without a name is
 * named by its id, as Camunda's gateway names it (the schema requires a name). Variables: values
 * are never truncated ({@code isTruncated} is false).
 */
@RestController
@RequestMapping("/v2")
class SearchController {

  /** A process definition with what only the filter knows: whether it is the latest version. */
  record DefinitionRow(ProcessDefinitionResult result, boolean latest) {}

  /** An element instance with what only the filter knows: its flow scope. */
  record ElementRow(ElementInstanceResult result, String scopeKey) {}

  static final SearchQuery.Spec<DefinitionRow> PROCESS_DEFINITIONS =
      new SearchQuery.Spec<>(
          Map.ofEntries(
              field("name", row -> row.result().getName()),
              field("isLatestVersion", DefinitionRow::latest),
              field("resourceName", row -> row.result().getResourceName()),
              field("version", row -> row.result().getVersion()),
              field("versionTag", row -> row.result().getVersionTag()),
              field("processDefinitionId", row -> row.result().getProcessDefinitionId()),
              field("tenantId", row -> row.result().getTenantId()),
              field("processDefinitionKey", row -> row.result().getProcessDefinitionKey()),
              field("hasStartForm", row -> row.result().getHasStartForm())),
          Set.of(
              "processDefinitionKey",
              "name",
              "resourceName",
              "version",
              "versionTag",
              "processDefinitionId",
              "tenantId"),
          "processDefinitionKey");

  static final SearchQuery.Spec<ElementRow> ELEMENT_INSTANCES =
      new SearchQuery.Spec<>(
          Map.ofEntries(
              field("processDefinitionId", row -> row.result().getProcessDefinitionId()),
              field("state", row -> row.result().getState().getValue()),
              field("type", row -> row.result().getType().getValue()),
              field("elementId", row -> row.result().getElementId()),
              field("elementName", row -> row.result().getElementName()),
              field("hasIncident", row -> row.result().getHasIncident()),
              field("tenantId", row -> row.result().getTenantId()),
              field("elementInstanceKey", row -> row.result().getElementInstanceKey()),
              field("processInstanceKey", row -> row.result().getProcessInstanceKey()),
              field("processDefinitionKey", row -> row.result().getProcessDefinitionKey()),
              field("incidentKey", row -> row.result().getIncidentKey()),
              field("startDate", row -> row.result().getStartDate()),
              field("endDate", row -> row.result().getEndDate()),
              field("elementInstanceScopeKey", ElementRow::scopeKey)),
          Set.of(
              "elementInstanceKey",
              "processInstanceKey",
              "processDefinitionKey",
              "processDefinitionId",
              "startDate",
              "endDate",
              "elementId",
              "elementName",
              "type",
              "state",
              "incidentKey",
              "tenantId"),
          "elementInstanceKey");

  static final SearchQuery.Spec<VariableSearchResult> VARIABLES =
      new SearchQuery.Spec<>(
          Map.ofEntries(
              field("name", VariableSearchResult::getName),
              field("value", VariableSearchResult::getValue),
              field("tenantId", VariableSearchResult::getTenantId),
              field("isTruncated", VariableSearchResult::getIsTruncated),
              field("variableKey", VariableSearchResult::getVariableKey),
              field("scopeKey", VariableSearchResult::getScopeKey),
              field("processInstanceKey", VariableSearchResult::getProcessInstanceKey)),
          Set.of("value", "name", "tenantId", "variableKey", "scopeKey", "processInstanceKey"),
          "variableKey");

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  private final EngineStateProjection state;
  private final AtomicLong definitionScans;

  SearchController(EngineStateProjection state, AtomicLong definitionScans) {
    this.state = state;
    this.definitionScans = definitionScans;
  }

  @PostMapping("/process-definitions/search")
  ProcessDefinitionSearchQueryResult searchProcessDefinitions(
      @RequestBody(required = false) JsonNode body) {
    var query = SearchQuery.parse(body, PROCESS_DEFINITIONS);
    if (query.startsScan()) {
      definitionScans.incrementAndGet();
    }
    var processes = state.processes();
    var rows =
        processes.all().stream()
            .map(
                process ->
                    new DefinitionRow(
                        definition(process), processes.latestKeys().contains(process.key())))
            .toList();
    var page = query.answer(rows);
    return new ProcessDefinitionSearchQueryResult()
        .items(page.items().stream().map(DefinitionRow::result).toList())
        .page(page.page());
  }

  @GetMapping("/process-definitions/{processDefinitionKey}")
  ProcessDefinitionResult getProcessDefinition(@PathVariable long processDefinitionKey) {
    return definition(find(processDefinitionKey));
  }

  /** The BPMN as text/xml, whatever the request accepts (the Java client asks for JSON). */
  @GetMapping("/process-definitions/{processDefinitionKey}/xml")
  ResponseEntity<String> getProcessDefinitionXml(@PathVariable long processDefinitionKey) {
    var process = find(processDefinitionKey);
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "xml", StandardCharsets.UTF_8))
        .body(new String(process.resource(), StandardCharsets.UTF_8));
  }

  @PostMapping("/element-instances/search")
  ElementInstanceSearchQueryResult searchElementInstances(
      @RequestBody(required = false) JsonNode body) {
    rejectStatesNotKept(body);
    var query = SearchQuery.parse(body, ELEMENT_INSTANCES);
    var rows =
        state.activeElements().stream()
            .map(
                entry -> {
                  ActiveElement element = entry.getKey();
                  return new ElementRow(
                      elementInstance(element, entry.getValue()),
                      String.valueOf(element.flowScopeKey()));
                })
            .toList();
    var page = query.answer(rows);
    return new ElementInstanceSearchQueryResult()
        .items(page.items().stream().map(ElementRow::result).toList())
        .page(page.page());
  }

  @PostMapping("/variables/search")
  VariableSearchQueryResult searchVariables(
      @RequestBody(required = false) JsonNode body,
      @RequestParam(name = "truncateValues", required = false) Boolean truncateValues) {
    var query = SearchQuery.parse(body, VARIABLES);
    var page = query.answer(state.variables().stream().map(SearchController::variable).toList());
    return new VariableSearchQueryResult().items(page.items()).page(page.page());
  }

  private DeployedProcess find(long processDefinitionKey) {
    return state
        .process(processDefinitionKey)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "Process Definition with key '%d' not found".formatted(processDefinitionKey)));
  }

  private static ProcessDefinitionResult definition(DeployedProcess process) {
    return new ProcessDefinitionResult()
        .name(process.name())
        .resourceName(process.resourceName())
        .version(process.version())
        .versionTag(
            process.versionTag() == null || process.versionTag().isEmpty()
                ? null
                : process.versionTag())
        .processDefinitionId(process.bpmnProcessId())
        .tenantId(process.tenantId())
        .processDefinitionKey(String.valueOf(process.key()))
        .hasStartForm(process.hasStartForm());
  }

  private static ElementInstanceResult elementInstance(ActiveElement element, String name) {
    return new ElementInstanceResult()
        .processDefinitionId(element.bpmnProcessId())
        .startDate(DATE.format(element.startDate()))
        .elementId(element.elementId())
        .elementName(name == null ? element.elementId() : name)
        .type(elementType(element.type()))
        .state(ElementInstanceStateEnum.ACTIVE)
        .hasIncident(false)
        .tenantId(element.tenantId())
        .elementInstanceKey(String.valueOf(element.key()))
        .processInstanceKey(String.valueOf(element.processInstanceKey()))
        .processDefinitionKey(String.valueOf(element.processDefinitionKey()));
  }

  /** The API's name for the engine's element type; a type the API does not list is UNKNOWN. */
  private static ElementInstanceResult.TypeEnum elementType(String engineType) {
    return Arrays.stream(ElementInstanceResult.TypeEnum.values())
        .filter(type -> type.getValue().equals(engineType))
        .findFirst()
        .orElse(ElementInstanceResult.TypeEnum.UNKNOWN);
  }

  private static VariableSearchResult variable(ProcessVariable variable) {
    return new VariableSearchResult()
        .value(variable.value())
        .isTruncated(false)
        .name(variable.name())
        .tenantId(variable.tenantId())
        .variableKey(String.valueOf(variable.key()))
        .scopeKey(String.valueOf(variable.scopeKey()))
        .processInstanceKey(String.valueOf(variable.processInstanceKey()));
  }

  /** Only active element instances are kept: a filter that could match others cannot be met. */
  private static void rejectStatesNotKept(JsonNode body) {
    JsonNode filter = body == null ? null : body.get("filter");
    JsonNode stateFilter = filter == null || !filter.isObject() ? null : filter.get("state");
    if (stateFilter == null || stateFilter.isNull()) {
      return;
    }
    var test = SearchQuery.condition("state", stateFilter);
    boolean activeOnly = !test.test("COMPLETED") && !test.test("TERMINATED");
    if (!activeOnly) {
      throw ApiProblem.invalidArgument(
          "Filter property [filter.state] supports only ACTIVE in local mode, which keeps no"
              + " completed or terminated element instances");
    }
  }
}
