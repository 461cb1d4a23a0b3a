package io.connectors.eventbridge.runtime.local.search;

import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.Variable;
import io.camunda.connector.runtime.inbound.search.SearchQueryClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers the connector runtime's search queries from the in-memory engine, which has no search
 * API. This is what makes inbound connectors activate for every process deployed to the engine, by
 * anyone, at any time.
 */
public final class EngineSearchQueryClient implements SearchQueryClient {

  private final EngineStateProjection state;
  private final AtomicLong definitionScans = new AtomicLong();

  public EngineSearchQueryClient(EngineStateProjection state) {
    this.state = state;
  }

  @Override
  public SearchResponse<ProcessDefinition> queryProcessDefinitions(String cursor) {
    if (cursor == null) {
      definitionScans.incrementAndGet();
    }
    List<ProcessDefinition> latest = List.copyOf(state.latestProcesses());
    return SinglePageResponse.answer(cursor, latest);
  }

  @Override
  public SearchResponse<ElementInstance> queryActiveFlowNodes(
      long processDefinitionKey, String elementId, String cursor) {
    List<ElementInstance> active =
        List.copyOf(state.activeElements(processDefinitionKey, elementId));
    return SinglePageResponse.answer(cursor, active);
  }

  @Override
  public SearchResponse<Variable> queryVariables(long processInstanceKey, String cursor) {
    List<Variable> variables = List.copyOf(state.variables(processInstanceKey));
    return SinglePageResponse.answer(cursor, variables);
  }

  /** How many times the runtime's importer has started a scan of the process definitions. */
  public long definitionScans() {
    return definitionScans.get();
  }

  @Override
  public BpmnModelInstance getProcessModel(long processDefinitionKey) {
    DeployedProcess process =
        state
            .process(processDefinitionKey)
            .orElseThrow(
                () ->
                    new NoSuchElementException(
                        "No process definition with key " + processDefinitionKey));
    return Bpmn.readModelFromStream(new ByteArrayInputStream(process.resource()));
  }
}
