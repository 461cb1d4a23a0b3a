package io.connectors.eventbridge.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.camunda.connector.api.document.Document;
import io.camunda.connector.api.document.DocumentCreationRequest;
import io.camunda.connector.api.document.DocumentReference;
import io.camunda.connector.api.error.ConnectorInputException;
import io.camunda.connector.api.outbound.JobContext;
import io.camunda.connector.api.outbound.OutboundConnectorContext;
import java.util.Map;

/**
 * An outbound connector context as a runtime gives one for a job: the variables bound as the
 * runtime binds them ({@link RuntimeBinding}; a JSON error becomes a {@link
 * ConnectorInputException}, as the runtime's job handler wraps it), and the job's own data.
 *
 * <p>Ours rather than the SDK's {@code OutboundConnectorContextBuilder}: the 8.8 {@code
 * connector-test} artifact no longer ships it (it moved into the runtime's own test code), and the
 * stock-runtime check must not put a connectors runtime on the class path it hands the jars.
 */
public final class TestOutboundContext implements OutboundConnectorContext {

  /** A job of an element {@code put} in process {@code stock}, with fixed keys. */
  private record Job(String getVariables) implements JobContext {
    @Override
    public Map<String, String> getCustomHeaders() {
      return Map.of();
    }

    @Override
    public String getType() {
      return "io.connectors.eventbridge:put-events:1";
    }

    @Override
    public long getProcessInstanceKey() {
      return 2251799813685249L;
    }

    @Override
    public String getBpmnProcessId() {
      return "stock";
    }

    @Override
    public int getProcessDefinitionVersion() {
      return 1;
    }

    @Override
    public long getProcessDefinitionKey() {
      return 2251799813685248L;
    }

    @Override
    public String getElementId() {
      return "put";
    }

    @Override
    public long getElementInstanceKey() {
      return 2251799813685250L;
    }

    @Override
    public String getTenantId() {
      return "<default>";
    }
  }

  private final String variables;
  private final boolean jobReadable;

  private TestOutboundContext(String variables, boolean jobReadable) {
    this.variables = variables;
    this.jobReadable = jobReadable;
  }

  /** A job whose variables are {@code variablesJson}. */
  public static TestOutboundContext job(String variablesJson) {
    return new TestOutboundContext(variablesJson, true);
  }

  /**
   * A job the connector must reject on its variables alone: reading the job fails the test, so it
   * proves the input was refused before any of the job's progress was read.
   */
  public static TestOutboundContext jobThatMustNotBeRead(String variablesJson) {
    return new TestOutboundContext(variablesJson, false);
  }

  @Override
  public JobContext getJobContext() {
    if (!jobReadable) {
      throw new AssertionError("invalid input must fail before the job is read");
    }
    return new Job(variables);
  }

  @Override
  public <T> T bindVariables(Class<T> type) {
    try {
      return RuntimeBinding.validated(RuntimeBinding.MAPPER.readValue(variables, type));
    } catch (JsonProcessingException e) {
      throw new ConnectorInputException(e.getOriginalMessage(), e);
    }
  }

  @Override
  public Document resolve(DocumentReference reference) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Document create(DocumentCreationRequest request) {
    throw new UnsupportedOperationException();
  }
}
