package io.connectors.eventbridge.runtime.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.connector.runtime.inbound.webhook.WebhookConnectorRegistry;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import io.connectors.eventbridge.runtime.local.bus.LocalEventBusController;
import io.connectors.eventbridge.runtime.local.engine.EmbeddedZeebeEngine;
import io.connectors.eventbridge.runtime.local.engine.LocalEngineInitializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;

/**
 * Test access to the runtime started by {@link LocalRuntimeTest}: deploy, wait for webhooks, and
 * read process outcomes from the engine's record stream (through the runtime's thread-safe guard).
 */
@TestComponent
public class LocalRuntime {

  /** Folder the runtime under test scans for BPMN files (relative to the module). */
  public static final String DEPLOY_DIR = "target/local-runtime-test/deploy";

  /** Local bus rules file of the runtime under test; rewrite it and the bus reloads it. */
  public static final String RULES_FILE = "target/local-runtime-test/local-bus-rules.yaml";

  /** Value of the connector secret {@code {{secrets.RUNTIME_TEST_SECRET}}} in tests. */
  public static final String TEST_SECRET_VALUE = "local-test-secret-value";

  private static final HttpClient PROBE = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EmbeddedZeebeEngine engine;
  private final CamundaClient client;
  private final WebhookConnectorRegistry webhooks;
  private final Environment environment;

  LocalRuntime(
      @Qualifier(LocalEngineInitializer.ENGINE_BEAN_NAME) EmbeddedZeebeEngine engine,
      CamundaClient client,
      WebhookConnectorRegistry webhooks,
      Environment environment) {
    this.engine = engine;
    this.client = client;
    this.webhooks = webhooks;
    this.environment = environment;
  }

  /** The Camunda client of the runtime, connected to the in-memory engine over gRPC. */
  public CamundaClient client() {
    return client;
  }

  public EmbeddedZeebeEngine engine() {
    return engine;
  }

  /** The engine's records, for zeebe-process-test's {@code BpmnAssert.initRecordStream(...)}. */
  public RecordStream recordStream() {
    return RecordStream.of(engine.records());
  }

  public URI baseUrl() {
    return URI.create("http://localhost:" + environment.getRequiredProperty("local.server.port"));
  }

  public URI webhookUrl(String webhookId) {
    return baseUrl().resolve("/inbound/" + webhookId);
  }

  /** The local event bus, for an AWS SDK client's {@code endpointOverride}. */
  public URI localBusEndpoint() {
    return baseUrl().resolve(LocalEventBusController.PATH);
  }

  /** Deploys a BPMN file through the gateway, as Desktop Modeler would. */
  public DeploymentEvent deploy(Path bpmnFile) {
    return client.newDeployResourceCommand().addResourceFile(bpmnFile.toString()).send().join();
  }

  /** Deploys a BPMN from the test class path. */
  public DeploymentEvent deployResource(String classpathResource) {
    return client
        .newDeployResourceCommand()
        .addResourceFromClasspath(classpathResource)
        .send()
        .join();
  }

  /** Writes the local bus rules file; the bus reads it again before the next event. */
  public void writeBusRules(String yaml) {
    try {
      Path file = Path.of(RULES_FILE);
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), "rules", ".tmp");
      Files.writeString(temp, yaml);
      // Atomic, so the bus never reads a half-written file.
      Files.move(
          temp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until the runtime serves the webhook {@code /inbound/{webhookId}}: registered, and done
   * activating. The runtime registers a webhook before its connector's {@code activate} returns; in
   * between, the connector answers 503 (so a real sender retries), which a test must not see.
   */
  public void awaitWebhook(String webhookId, Duration timeout) {
    await(
        "webhook '" + webhookId + "' to become active",
        timeout,
        () ->
            webhooks.getExecutablesByContext().containsKey(webhookId) && answersAsActive(webhookId)
                ? Optional.of(true)
                : Optional.empty());
  }

  /**
   * Waits until the runtime's {@code GET /inbound} reports the newest inbound connector of {@code
   * bpmnProcessId} with health {@code status} (UP, DOWN), and returns that health object.
   */
  public JsonNode awaitInboundHealth(String bpmnProcessId, String status, Duration timeout) {
    return await(
        "the inbound connector of '" + bpmnProcessId + "' to report " + status,
        timeout,
        () -> inboundHealth(bpmnProcessId).filter(h -> status.equals(h.path("status").asText())));
  }

  private Optional<JsonNode> inboundHealth(String bpmnProcessId) {
    return RuntimeProbe.inboundHealth(baseUrl(), bpmnProcessId);
  }

  /**
   * Scrapes {@code /actuator/prometheus} and sums the samples of {@code metric} (the Prometheus
   * name, e.g. {@code eventbridge_localbus_deliveries_total}) whose labels contain every one of
   * {@code labels} (e.g. {@code outcome="delivered"}).
   */
  public double metric(String metric, String... labels) {
    return RuntimeProbe.metric(baseUrl(), metric, labels);
  }

  /** The gRPC address the runtime's Camunda client uses: local mode's engine. */
  public URI grpcAddress() {
    return URI.create(environment.getRequiredProperty("camunda.client.grpc-address"));
  }

  /** The REST address the runtime's Camunda client uses: local mode's stand-in cluster API. */
  public URI restAddress() {
    return URI.create(environment.getRequiredProperty("camunda.client.rest-address"));
  }

  private boolean answersAsActive(String webhookId) {
    try {
      int status =
          PROBE
              .send(
                  HttpRequest.newBuilder(webhookUrl(webhookId))
                      .method("HEAD", HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      return status != 404 && status != 503;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** How many instances of {@code bpmnProcessId} the engine has started so far. */
  /** Starts the latest version of {@code bpmnProcessId} and returns the instance's key. */
  public long startInstance(String bpmnProcessId, Map<String, ?> variables) {
    return client()
        .newCreateInstanceCommand()
        .bpmnProcessId(bpmnProcessId)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  public long instancesOf(String bpmnProcessId) {
    return instanceKeys(bpmnProcessId).size();
  }

  /** The keys of the instances of {@code bpmnProcessId} the engine has started so far. */
  public List<Long> instanceKeys(String bpmnProcessId) {
    return engine.records().recordsFrom(0).stream()
        .filter(
            r ->
                r.getRecordType() == RecordType.EVENT
                    && r.getValueType() == ValueType.PROCESS_INSTANCE
                    && r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED)
        .map(r -> (ProcessInstanceRecordValue) r.getValue())
        .filter(
            v ->
                v.getBpmnElementType() == BpmnElementType.PROCESS
                    && bpmnProcessId.equals(v.getBpmnProcessId()))
        .map(ProcessInstanceRecordValue::getProcessInstanceKey)
        .toList();
  }

  /**
   * Waits until an instance of {@code bpmnProcessId} completes and returns the first one that did,
   * with its variables. Use a process id unique to your test.
   */
  public CompletedInstance awaitCompleted(String bpmnProcessId, Duration timeout) {
    return await(
        "an instance of '" + bpmnProcessId + "' to complete",
        timeout,
        () -> findCompleted(bpmnProcessId, null));
  }

  /**
   * Waits until an instance of {@code bpmnProcessId} whose variables hold {@code name} = {@code
   * value} completes: for tests that share the engine with others running the same process.
   */
  public CompletedInstance awaitCompleted(
      String bpmnProcessId, String name, Object value, Duration timeout) {
    return await(
        "an instance of '" + bpmnProcessId + "' with " + name + " = " + value + " to complete",
        timeout,
        () ->
            completed(bpmnProcessId, null)
                .filter(instance -> value.equals(instance.variables().get(name)))
                .findFirst());
  }

  /** Waits until the given process instance completes. */
  public CompletedInstance awaitCompleted(long processInstanceKey, Duration timeout) {
    return await(
        "process instance " + processInstanceKey + " to complete",
        timeout,
        () -> findCompleted(null, processInstanceKey));
  }

  /** The current process-level variables of an instance, running or completed. */
  public Map<String, Object> variables(long processInstanceKey) {
    return variablesOf(engine.records().recordsFrom(0), processInstanceKey);
  }

  private Optional<CompletedInstance> findCompleted(String bpmnProcessId, Long instanceKey) {
    return completed(bpmnProcessId, instanceKey).findFirst();
  }

  private java.util.stream.Stream<CompletedInstance> completed(
      String bpmnProcessId, Long instanceKey) {
    List<Record<?>> records = engine.records().recordsFrom(0);
    var found = new java.util.ArrayList<CompletedInstance>();
    for (Record<?> record : records) {
      if (record.getRecordType() == RecordType.EVENT
          && record.getValueType() == ValueType.PROCESS_INSTANCE
          && record.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED) {
        var value = (ProcessInstanceRecordValue) record.getValue();
        if (value.getBpmnElementType() == BpmnElementType.PROCESS
            && (bpmnProcessId == null || bpmnProcessId.equals(value.getBpmnProcessId()))
            && (instanceKey == null || instanceKey == value.getProcessInstanceKey())) {
          found.add(
              new CompletedInstance(
                  value.getProcessInstanceKey(),
                  value.getBpmnProcessId(),
                  variablesOf(records, value.getProcessInstanceKey())));
        }
      }
    }
    return found.stream();
  }

  private static Map<String, Object> variablesOf(List<Record<?>> records, long instanceKey) {
    var variables = new LinkedHashMap<String, Object>();
    for (Record<?> record : records) {
      if (record.getRecordType() == RecordType.EVENT
          && record.getValueType() == ValueType.VARIABLE) {
        var variable = (VariableRecordValue) record.getValue();
        if (variable.getProcessInstanceKey() == instanceKey
            && variable.getScopeKey() == instanceKey) {
          variables.put(variable.getName(), parse(variable.getValue()));
        }
      }
    }
    return variables;
  }

  private static Object parse(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      return json;
    }
  }

  /** Polls {@code probe} until it yields a value, failing with {@code what} after the timeout. */
  public static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe) {
    return Await.until(what, timeout, probe);
  }
}
