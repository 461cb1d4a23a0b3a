package io.connectors.eventbridge.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.connector.api.annotation.OutboundConnector;
import io.camunda.connector.api.error.ConnectorException;
import io.camunda.connector.api.error.ConnectorInputException;
import io.camunda.connector.api.outbound.JobContext;
import io.camunda.connector.api.outbound.OutboundConnectorContext;
import io.camunda.connector.api.outbound.OutboundConnectorFunction;
import io.camunda.connector.generator.dsl.BpmnType;
import io.camunda.connector.generator.java.annotation.ElementTemplate;
import io.camunda.connector.generator.java.annotation.ElementTemplate.ConnectorElementType;
import io.camunda.connector.generator.java.annotation.ElementTemplate.PropertyGroup;
import io.connectors.eventbridge.outbound.client.CachingEventBridgeClientSupplier;
import io.connectors.eventbridge.outbound.client.EventBridgeClientSupplier;
import io.connectors.eventbridge.outbound.metrics.OutboundMetrics;
import io.connectors.eventbridge.outbound.model.PutEventsRequest;
import io.connectors.eventbridge.outbound.progress.JobAttempt;
import io.connectors.eventbridge.outbound.progress.JobProgress;
import io.connectors.eventbridge.outbound.result.PutEventsResult;
import io.connectors.eventbridge.outbound.send.EntrySender;
import io.connectors.eventbridge.outbound.send.EntryValidator;
import io.connectors.eventbridge.outbound.send.EventBridgePublisher;
import io.connectors.eventbridge.outbound.send.Sleeper;
import io.connectors.eventbridge.outbound.validation.CheckedByConnector;
import io.micrometer.core.instrument.Metrics;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.function.LongSupplier;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/** Puts one event, or a batch of events, on an Amazon EventBridge bus of either kind. */
@OutboundConnector(
    name = "Amazon EventBridge: Put events",
    // "error" is what the runtime sets on the task when it fails the job: it carries this task's
    // progress to the job's next attempt (see JobProgress).
    inputVariables = {"authentication", "configuration", "bus", "event", JobProgress.JOB_VARIABLE},
    type = EventBridgePutEventsFunction.TYPE)
@ElementTemplate(
    id = "io.connectors.eventbridge.PutEvents.v1",
    // Fits the properties panel's header at Desktop Modeler's default width (280 px).
    name = "EventBridge Put Events",
    version = 1,
    description =
        "Put events on an Amazon EventBridge bus, one or a batch, with per-entry retries and results.",
    icon = "icon.svg",
    documentationRef =
        "https://github.com/connectors-io/camunda-eventbridge-connectors#outbound-connector-put-events",
    metadata =
        @ElementTemplate.Metadata(
            keywords = {"aws", "eventbridge", "event bus", "put events", "publish"}),
    engineVersion = "^8.8",
    // A service task only: a receive or send task with a job type is not what users expect, and
    // Modeler offers a template on every element its appliesTo names.
    elementTypes =
        @ConnectorElementType(
            appliesTo = BpmnType.SERVICE_TASK,
            elementType = BpmnType.SERVICE_TASK),
    inputDataClass = PutEventsRequest.class,
    outputDataClass = PutEventsResult.class,
    propertyGroups = {
      @PropertyGroup(id = "authentication", label = "Authentication"),
      @PropertyGroup(id = "configuration", label = "Configuration"),
      @PropertyGroup(id = "bus", label = "Event bus"),
      @PropertyGroup(id = "event", label = "Event"),
      @PropertyGroup(id = "batch", label = "Batch")
    })
public final class EventBridgePutEventsFunction implements OutboundConnectorFunction {

  public static final String TYPE = "io.connectors.eventbridge:put-events:1";

  private final Validator validator;
  private final JobProgress progress;
  private final EventBridgePublisher publisher;
  private final OutboundMetrics metrics;

  /**
   * For ServiceLoader, which is how Camunda's own runtime creates the connector and which cannot
   * hand it anything: the instance owns its client cache, and its meters go to Micrometer's global
   * registry, which Spring Boot's registry joins. The runtime keeps the instance for the life of
   * the JVM, and so the cache.
   */
  public EventBridgePutEventsFunction() {
    this(new CachingEventBridgeClientSupplier());
  }

  private EventBridgePutEventsFunction(CachingEventBridgeClientSupplier ownClients) {
    this(ownClients, new OutboundMetrics(Metrics.globalRegistry, ownClients::size));
  }

  /**
   * With the clients and meters of the application that runs the connector, which owns them (and
   * closes the clients once its job workers stopped).
   */
  public EventBridgePutEventsFunction(EventBridgeClientSupplier clients, OutboundMetrics metrics) {
    this(clients, metrics, Sleeper.THREAD_SLEEP, System::nanoTime);
  }

  /** With the pause between retries and the clock the time budget is measured on, for tests. */
  public EventBridgePutEventsFunction(
      EventBridgeClientSupplier clients,
      OutboundMetrics metrics,
      Sleeper sleeper,
      LongSupplier nanoClock) {
    ObjectMapper json = new ObjectMapper();
    // The factory holds only constraint metadata, no threads or connections: nothing to close.
    this.validator =
        Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();
    this.progress = new JobProgress(json, nanoClock);
    this.publisher =
        new EventBridgePublisher(
            new EntryValidator(json),
            clients,
            new EntrySender(sleeper, metrics),
            progress,
            metrics,
            nanoClock);
    this.metrics = metrics;
  }

  @Override
  public PutEventsResult execute(OutboundConnectorContext context) throws InterruptedException {
    long start = System.nanoTime();
    String outcome = "completed";
    try {
      PutEventsRequest request = bind(context);
      JobContext job = context.getJobContext();
      return publisher.publish(
          request, progress.read(job.getElementInstanceKey(), job.getVariables()));
    } catch (ConnectorException failed) {
      outcome = failed.getErrorCode() == null ? "failed" : failed.getErrorCode();
      throw failed;
    } catch (RuntimeException | InterruptedException failed) {
      outcome = "failed";
      throw failed;
    } finally {
      metrics.task(System.nanoTime() - start, outcome);
    }
  }

  private PutEventsRequest bind(OutboundConnectorContext context) {
    PutEventsRequest request;
    try {
      request = context.bindVariables(PutEventsRequest.class);
    } catch (ConnectorInputException unreadable) {
      throw InputErrors.translate(unreadable);
    }
    Set<ConstraintViolation<PutEventsRequest>> violations =
        validator.validate(request, CheckedByConnector.class);
    if (!violations.isEmpty()) {
      throw InputErrors.invalid(violations);
    }
    return request;
  }

  /** Outside a job: every event is sent. */
  public PutEventsResult putEvents(PutEventsRequest request) throws InterruptedException {
    return publisher.publish(request, JobAttempt.STANDALONE);
  }

  /** An attempt of a job, with what {@link #attemptOf} found earlier attempts put. */
  public PutEventsResult putEvents(PutEventsRequest request, JobAttempt attempt)
      throws InterruptedException {
    return publisher.publish(request, attempt);
  }

  /**
   * What earlier attempts of a job put, from the job's variables or, when they do not carry it,
   * from this runtime.
   */
  public JobAttempt attemptOf(long elementInstanceKey, String jobVariablesJson) {
    return progress.read(elementInstanceKey, jobVariablesJson);
  }
}
