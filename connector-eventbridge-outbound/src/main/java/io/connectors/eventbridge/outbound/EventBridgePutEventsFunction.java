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
import io.connectors.eventbridge.outbound.client.ClientLease;
import io.connectors.eventbridge.outbound.client.EventBridgeClientSupplier;
import io.connectors.eventbridge.outbound.metrics.OutboundMetrics;
import io.connectors.eventbridge.outbound.model.PutEventsRequest;
import io.connectors.eventbridge.outbound.progress.JobAttempt;
import io.connectors.eventbridge.outbound.progress.ProgressStore;
import io.connectors.eventbridge.outbound.progress.ProgressVariables;
import io.connectors.eventbridge.outbound.result.PutEventsResult;
import io.connectors.eventbridge.outbound.send.ChunkSender;
import io.connectors.eventbridge.outbound.send.Deadline;
import io.connectors.eventbridge.outbound.send.EntryValidator;
import io.connectors.eventbridge.outbound.send.EventBridgePublisher;
import io.connectors.eventbridge.outbound.send.PreparedEntry;
import io.connectors.eventbridge.outbound.send.Sleeper;
import java.util.List;
import java.util.function.LongSupplier;

/** Puts one event, or a batch of events, on an Amazon EventBridge bus. */
@OutboundConnector(
    name = "Amazon EventBridge: Put events",
    // "error" is what the runtime sets on the task when it fails the job: it carries this task's
    // progress to the job's next attempt (see ProgressVariables).
    inputVariables = {"authentication", "configuration", "event", ProgressVariables.JOB_VARIABLE},
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
      @PropertyGroup(id = "event", label = "Event"),
      @PropertyGroup(id = "batch", label = "Batch")
    })
public final class EventBridgePutEventsFunction implements OutboundConnectorFunction {

  public static final String TYPE = "io.connectors.eventbridge:put-events:1";

  private final EventBridgeClientSupplier clients;
  private final EventBridgePublisher publisher;
  private final ProgressVariables progress = new ProgressVariables(new ObjectMapper());
  private final LongSupplier nanoClock;
  private final OutboundMetrics metrics;

  /** For ServiceLoader: clients come from the process-wide cache. */
  public EventBridgePutEventsFunction() {
    this(CachingEventBridgeClientSupplier.sharedSupplier());
  }

  public EventBridgePutEventsFunction(EventBridgeClientSupplier clients) {
    this(clients, Sleeper.THREAD_SLEEP);
  }

  public EventBridgePutEventsFunction(EventBridgeClientSupplier clients, Sleeper sleeper) {
    this(clients, sleeper, System::nanoTime);
  }

  /** With the clock the time budget is measured on; tests pass one they move. */
  public EventBridgePutEventsFunction(
      EventBridgeClientSupplier clients, Sleeper sleeper, LongSupplier nanoClock) {
    this(clients, sleeper, nanoClock, OutboundMetrics.GLOBAL);
  }

  public EventBridgePutEventsFunction(
      EventBridgeClientSupplier clients,
      Sleeper sleeper,
      LongSupplier nanoClock,
      OutboundMetrics metrics) {
    this.clients = clients;
    this.publisher =
        new EventBridgePublisher(
            new EntryValidator(new ObjectMapper()),
            new ChunkSender(sleeper, metrics),
            new ProgressStore(nanoClock),
            metrics);
    this.nanoClock = nanoClock;
    this.metrics = metrics;
  }

  @Override
  public PutEventsResult execute(OutboundConnectorContext context) throws InterruptedException {
    long start = System.nanoTime();
    String outcome = "completed";
    try {
      return executeTask(context);
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

  private PutEventsResult executeTask(OutboundConnectorContext context)
      throws InterruptedException {
    PutEventsRequest request;
    try {
      request = context.bindVariables(PutEventsRequest.class);
    } catch (ConnectorInputException invalid) {
      throw InputErrors.translate(invalid);
    }
    JobContext job = context.getJobContext();
    return putEvents(request, progress.read(job.getElementInstanceKey(), job.getVariables()));
  }

  /** Outside a job: every event is sent. */
  public PutEventsResult putEvents(PutEventsRequest request) throws InterruptedException {
    return putEvents(request, JobAttempt.STANDALONE);
  }

  /**
   * Validates every event first, so nothing is sent when any of them is invalid, then sends those
   * that earlier attempts of the job did not put.
   */
  public PutEventsResult putEvents(PutEventsRequest request, JobAttempt attempt)
      throws InterruptedException {
    Deadline deadline = Deadline.after(request.configuration().effectiveTimeBudget(), nanoClock);
    List<PreparedEntry> entries = publisher.prepare(request.event(), request.configuration());
    ClientLease lease;
    try {
      lease = clients.lease(request.authentication(), request.configuration());
    } catch (ConnectorInputException invalid) {
      throw invalid;
    } catch (RuntimeException noClient) {
      return publisher.withoutClient(entries, attempt, noClient);
    }
    try (lease) {
      return publisher.publish(lease.client(), entries, request.configuration(), attempt, deadline);
    }
  }

  /** Reads what earlier attempts of a job put from the job's variables. */
  public JobAttempt attemptOf(long elementInstanceKey, String jobVariablesJson) {
    return progress.read(elementInstanceKey, jobVariablesJson);
  }
}
