package io.connectors.eventbridge.runtime.local.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
 * discover inbound connectors, answered from the {@link EngineStateProjection}.
 *
 * <p>Element instances: the projection keeps active ones only, so a search answers with active
 * element instances, and a state filter for any other state is a 400. Variables: values are never
 * truncated ({@code isTruncated} is false).
 */
@RestController
@RequestMapping("/v2")
class SearchController {

  static final SearchQuery.Spec PROCESS_DEFINITIONS =
      new SearchQuery.Spec(
          Set.of(
              "name",
              "isLatestVersion",
              "resourceName",
              "version",
              "versionTag",
              "processDefinitionId",
              "tenantId",
              "processDefinitionKey",
              "hasStartForm"),
          Set.of(
              "processDefinitionKey",
              "name",
              "resourceName",
              "version",
              "versionTag",
              "processDefinitionId",
              "tenantId"),
          "processDefinitionKey",
          List.of(
              "name",
              "resourceName",
              "version",
              "versionTag",
              "processDefinitionId",
              "tenantId",
              "processDefinitionKey",
              "hasStartForm"));

  static final SearchQuery.Spec ELEMENT_INSTANCES =
      new SearchQuery.Spec(
          Set.of(
              "processDefinitionId",
              "state",
              "type",
              "elementId",
              "elementName",
              "hasIncident",
              "tenantId",
              "elementInstanceKey",
              "processInstanceKey",
              "processDefinitionKey",
              "incidentKey",
              "startDate",
              "endDate",
              "elementInstanceScopeKey"),
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
          "elementInstanceKey",
          List.of(
              "processDefinitionId",
              "startDate",
              "endDate",
              "elementId",
              "elementName",
              "type",
              "state",
              "hasIncident",
              "tenantId",
              "elementInstanceKey",
              "processInstanceKey",
              "processDefinitionKey",
              "incidentKey"));

  static final SearchQuery.Spec VARIABLES =
      new SearchQuery.Spec(
          Set.of(
              "name",
              "value",
              "tenantId",
              "isTruncated",
              "variableKey",
              "scopeKey",
              "processInstanceKey"),
          Set.of("value", "name", "tenantId", "variableKey", "scopeKey", "processInstanceKey"),
          "variableKey",
          List.of(
              "value",
              "isTruncated",
              "name",
              "tenantId",
              "variableKey",
              "scopeKey",
              "processInstanceKey"));

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  private final EngineStateProjection state;
  private final AtomicLong definitionScans;

  SearchController(EngineStateProjection state, AtomicLong definitionScans) {
    this.state = state;
    this.definitionScans = definitionScans;
  }

  @PostMapping("/process-definitions/search")
  Map<String, Object> searchProcessDefinitions(@RequestBody(required = false) JsonNode body) {
    var query = SearchQuery.parse(body, PROCESS_DEFINITIONS);
    if (query.startsScan()) {
      definitionScans.incrementAndGet();
    }
    var processes = state.processes();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DeployedProcess process : processes.all()) {
      var row = processRow(process);
      row.put("isLatestVersion", processes.latestKeys().contains(process.key()));
      rows.add(row);
    }
    return query.answer(rows);
  }

  @GetMapping("/process-definitions/{processDefinitionKey}")
  Map<String, Object> getProcessDefinition(@PathVariable long processDefinitionKey) {
    var row = processRow(find(processDefinitionKey));
    var item = new LinkedHashMap<String, Object>();
    PROCESS_DEFINITIONS.resultFields().forEach(field -> item.put(field, row.get(field)));
    return item;
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
  Map<String, Object> searchElementInstances(@RequestBody(required = false) JsonNode body) {
    rejectStatesNotKept(body);
    var query = SearchQuery.parse(body, ELEMENT_INSTANCES);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (var entry : state.activeElements()) {
      ActiveElement element = entry.getKey();
      Map<String, Object> row = new HashMap<>();
      row.put("processDefinitionId", element.bpmnProcessId());
      row.put("startDate", DATE.format(element.startDate()));
      row.put("endDate", null);
      row.put("elementId", element.elementId());
      row.put("elementName", entry.getValue());
      row.put("type", element.type());
      row.put("state", "ACTIVE");
      row.put("hasIncident", false);
      row.put("tenantId", element.tenantId());
      row.put("elementInstanceKey", String.valueOf(element.key()));
      row.put("processInstanceKey", String.valueOf(element.processInstanceKey()));
      row.put("processDefinitionKey", String.valueOf(element.processDefinitionKey()));
      row.put("incidentKey", null);
      row.put("elementInstanceScopeKey", String.valueOf(element.flowScopeKey()));
      rows.add(row);
    }
    return query.answer(rows);
  }

  @PostMapping("/variables/search")
  Map<String, Object> searchVariables(
      @RequestBody(required = false) JsonNode body,
      @RequestParam(name = "truncateValues", required = false) Boolean truncateValues) {
    var query = SearchQuery.parse(body, VARIABLES);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ProcessVariable variable : state.variables()) {
      Map<String, Object> row = new HashMap<>();
      row.put("value", variable.value());
      row.put("isTruncated", false);
      row.put("name", variable.name());
      row.put("tenantId", variable.tenantId());
      row.put("variableKey", String.valueOf(variable.key()));
      row.put("scopeKey", String.valueOf(variable.scopeKey()));
      row.put("processInstanceKey", String.valueOf(variable.processInstanceKey()));
      rows.add(row);
    }
    return query.answer(rows);
  }

  private DeployedProcess find(long processDefinitionKey) {
    return state
        .process(processDefinitionKey)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "Process Definition with key '%d' not found".formatted(processDefinitionKey)));
  }

  private static Map<String, Object> processRow(DeployedProcess process) {
    Map<String, Object> row = new HashMap<>();
    row.put("name", process.name());
    row.put("resourceName", process.resourceName());
    row.put("version", process.version());
    row.put(
        "versionTag",
        process.versionTag() == null || process.versionTag().isEmpty()
            ? null
            : process.versionTag());
    row.put("processDefinitionId", process.bpmnProcessId());
    row.put("tenantId", process.tenantId());
    row.put("processDefinitionKey", String.valueOf(process.key()));
    row.put("hasStartForm", process.hasStartForm());
    return row;
  }

  /** Only active element instances are kept: a filter that could match others cannot be met. */
  private static void rejectStatesNotKept(JsonNode body) {
    JsonNode filter = body == null ? null : body.get("filter");
    JsonNode stateFilter = filter == null || !filter.isObject() ? null : filter.get("state");
    if (stateFilter == null || stateFilter.isNull()) {
      return;
    }
    var test = SearchQuery.condition("state", stateFilter);
    boolean activeOnly =
        !test.test(Map.of("state", "COMPLETED")) && !test.test(Map.of("state", "TERMINATED"));
    if (!activeOnly) {
      throw ApiProblem.invalidArgument(
          "Filter property [filter.state] supports only ACTIVE in local mode, which keeps no"
              + " completed or terminated element instances");
    }
  }
}
