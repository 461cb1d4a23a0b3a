package io.connectors.eventbridge.inbound.support;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.connector.api.document.Document;
import io.camunda.connector.api.document.DocumentCreationRequest;
import io.camunda.connector.api.document.DocumentReference;
import io.camunda.connector.api.inbound.ActivationCheckResult;
import io.camunda.connector.api.inbound.Activity;
import io.camunda.connector.api.inbound.ActivityBuilder;
import io.camunda.connector.api.inbound.CorrelationRequest;
import io.camunda.connector.api.inbound.CorrelationResult;
import io.camunda.connector.api.inbound.Health;
import io.camunda.connector.api.inbound.InboundConnectorContext;
import io.camunda.connector.api.inbound.InboundConnectorDefinition;
import io.camunda.connector.api.inbound.webhook.WebhookTriggerResultContext;
import io.camunda.connector.feel.jackson.JacksonModuleFeelFunction;
import io.camunda.connector.validation.impl.DefaultValidationProvider;
import io.connectors.eventbridge.inbound.EventBridgeWebhookExecutable;
import io.connectors.eventbridge.inbound.WebhookResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An inbound context that binds properties the way the runtime does (Jackson with the FEEL module,
 * then bean validation) and records correlation requests, answering them with scripted results.
 */
public final class TestInboundContext implements InboundConnectorContext {

  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JacksonModuleFeelFunction())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * The request body of correlation variables as the runtime's expressions see it: the runtime
   * converts the variables to maps with its own mapper before evaluating anything.
   */
  public static Map<String, Object> requestBody(Object variables) {
    return asRuntimeSeesIt(((WebhookTriggerResultContext) variables).request().body());
  }

  /** A {@code request.body} as the runtime's expressions see it. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> asRuntimeSeesIt(Object body) {
    return MAPPER.convertValue(body, Map.class);
  }

  /**
   * What the tests' webhooks share, as a runtime's do: one watchdog thread on the system clocks,
   * for the whole test run, instead of one per activation that no test deactivates.
   */
  private static final WebhookResources RESOURCES =
      WebhookResources.start(new SimpleMeterRegistry());

  /** A webhook activated with this context, as our runtime activates one. */
  public EventBridgeWebhookExecutable activateWebhook() {
    return activateWebhook(RESOURCES);
  }

  /** A webhook activated with this context, sharing the given resources. */
  public EventBridgeWebhookExecutable activateWebhook(WebhookResources resources) {
    var executable = new EventBridgeWebhookExecutable(resources);
    executable.activate(this);
    return executable;
  }

  private final Map<String, Object> properties;
  private final List<CorrelationRequest> correlations = new ArrayList<>();
  private final Deque<CorrelationResult> scripted = new ArrayDeque<>();
  private Function<CorrelationRequest, CorrelationResult> defaultAnswer =
      request -> new CorrelationResult.Success.ProcessInstanceCreated(null, 1L, "<default>");
  private Health health;
  private boolean recording = true;

  public TestInboundContext(Map<String, Object> properties) {
    this.properties = properties;
  }

  public TestInboundContext answer(CorrelationResult... results) {
    scripted.addAll(List.of(results));
    return this;
  }

  public TestInboundContext answerAlways(Function<CorrelationRequest, CorrelationResult> answer) {
    this.defaultAnswer = answer;
    return this;
  }

  /** For benchmarks: keep no history, so millions of calls do not fill the heap. */
  public TestInboundContext withoutRecording() {
    this.recording = false;
    return this;
  }

  public List<CorrelationRequest> correlations() {
    return correlations;
  }

  public Health health() {
    return health;
  }

  @Override
  public CorrelationResult correlate(CorrelationRequest request) {
    if (recording) {
      correlations.add(request);
    }
    return scripted.isEmpty() ? defaultAnswer.apply(request) : scripted.poll();
  }

  @Override
  public CorrelationResult correlateWithResult(Object variables) {
    return correlate(CorrelationRequest.builder().variables(variables).build());
  }

  @Override
  public ActivationCheckResult canActivate(Object variables) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void cancel(Throwable exception) {}

  @Override
  public Map<String, Object> getProperties() {
    return properties;
  }

  @Override
  public <T> T bindProperties(Class<T> cls) {
    var bound = MAPPER.convertValue(properties, cls);
    new DefaultValidationProvider().validate(bound);
    return bound;
  }

  @Override
  public InboundConnectorDefinition getDefinition() {
    return new InboundConnectorDefinition(
        "io.connectors.eventbridge:webhook:1", "<default>", "test", List.of());
  }

  @Override
  public void reportHealth(Health health) {
    this.health = health;
  }

  @Override
  public void log(Activity activity) {}

  @Override
  public void log(Consumer<ActivityBuilder> activity) {}

  @Override
  public Document create(DocumentCreationRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Document resolve(DocumentReference reference) {
    throw new UnsupportedOperationException();
  }
}
