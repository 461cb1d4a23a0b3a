package io.connectors.eventbridge.testsupport;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An inbound connector context as a runtime gives one: properties bound as the runtime binds them
 * ({@link RuntimeBinding}), correlation requests recorded and answered with scripted results, the
 * activity log and the last reported health kept for assertions. It knows no connector of ours.
 */
public final class TestInboundContext implements InboundConnectorContext {

  private final Map<String, Object> properties;
  private final InboundConnectorDefinition definition;
  private final List<CorrelationRequest> correlations =
      Collections.synchronizedList(new ArrayList<>());
  private final Queue<CorrelationResult> scripted = new ConcurrentLinkedQueue<>();
  private final List<Activity> activities = new CopyOnWriteArrayList<>();
  private volatile Function<CorrelationRequest, CorrelationResult> defaultAnswer =
      request -> new CorrelationResult.Success.ProcessInstanceCreated(null, 1L, "<default>");
  private volatile Health health;
  private volatile boolean recording = true;
  private volatile RuntimeException activityLogFailure;

  /**
   * A context for the element whose properties are {@code properties} (with {@code inbound.type}).
   */
  public TestInboundContext(Map<String, Object> properties) {
    this.properties = properties;
    this.definition =
        new InboundConnectorDefinition(typeOf(properties), "<default>", "test", List.of());
  }

  /**
   * The request body of webhook correlation variables as the runtime's expressions see it: the
   * runtime converts the variables to maps with its own mapper before evaluating anything.
   */
  public static Map<String, Object> requestBody(Object variables) {
    return RuntimeBinding.asRuntimeSeesIt(
        ((WebhookTriggerResultContext) variables).request().body());
  }

  /** Answers the next correlations with {@code results}, in order, then with the default answer. */
  public TestInboundContext answer(CorrelationResult... results) {
    scripted.addAll(List.of(results));
    return this;
  }

  /** Answers every correlation not scripted with {@link #answer} so. */
  public TestInboundContext answerAlways(Function<CorrelationRequest, CorrelationResult> answer) {
    this.defaultAnswer = answer;
    return this;
  }

  /**
   * Makes every activity-log write throw {@code failure} once the connector has reported its health
   * (activation is over), as the 8.8 runtime's unsynchronised activity log can when two writes
   * race.
   */
  public TestInboundContext failActivityLog(RuntimeException failure) {
    this.activityLogFailure = failure;
    return this;
  }

  /** For benchmarks: keep no history, so millions of calls do not fill the heap. */
  public TestInboundContext withoutRecording() {
    this.recording = false;
    return this;
  }

  /** The correlation requests so far, oldest first. */
  public List<CorrelationRequest> correlations() {
    return correlations;
  }

  /** The activity log so far, oldest first. */
  public List<Activity> activities() {
    return activities;
  }

  /** The health last reported, or null before any. */
  public Health health() {
    return health;
  }

  @Override
  public CorrelationResult correlate(CorrelationRequest request) {
    if (recording) {
      correlations.add(request);
    }
    var next = scripted.poll();
    return next != null ? next : defaultAnswer.apply(request);
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
  public <T> T bindProperties(Class<T> type) {
    return RuntimeBinding.bind(properties, type);
  }

  @Override
  public InboundConnectorDefinition getDefinition() {
    return definition;
  }

  @Override
  public void reportHealth(Health health) {
    this.health = health;
  }

  @Override
  public void log(Activity activity) {
    if (activityLogFailure != null && health != null) {
      throw activityLogFailure;
    }
    if (recording) {
      activities.add(activity);
    }
  }

  @Override
  public void log(Consumer<ActivityBuilder> activity) {
    if (!recording) {
      return; // not even built, so benchmarks measure the connector, not this log
    }
    var builder = Activity.newBuilder();
    activity.accept(builder);
    log(builder.build());
  }

  @Override
  public Document create(DocumentCreationRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Document resolve(DocumentReference reference) {
    throw new UnsupportedOperationException();
  }

  /** The {@code inbound.type} property, as the runtime names the connector from it. */
  private static String typeOf(Map<String, Object> properties) {
    return properties.get("inbound") instanceof Map<?, ?> inbound
            && inbound.get("type") instanceof String type
        ? type
        : "test";
  }
}
