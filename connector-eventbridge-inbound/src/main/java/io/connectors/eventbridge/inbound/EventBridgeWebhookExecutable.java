package io.connectors.eventbridge.inbound;

import io.camunda.connector.api.annotation.InboundConnector;
import io.camunda.connector.api.error.ConnectorInputException;
import io.camunda.connector.api.inbound.Health;
import io.camunda.connector.api.inbound.InboundConnectorContext;
import io.camunda.connector.api.inbound.Severity;
import io.camunda.connector.api.inbound.webhook.WebhookConnectorException;
import io.camunda.connector.api.inbound.webhook.WebhookConnectorExecutable;
import io.camunda.connector.api.inbound.webhook.WebhookHttpResponse;
import io.camunda.connector.api.inbound.webhook.WebhookProcessingPayload;
import io.camunda.connector.api.inbound.webhook.WebhookResult;
import io.camunda.connector.generator.dsl.BpmnType;
import io.camunda.connector.generator.java.annotation.ElementTemplate;
import io.camunda.connector.generator.java.annotation.ElementTemplate.ConnectorElementType;
import io.camunda.connector.generator.java.annotation.ElementTemplate.PropertyGroup;
import io.connectors.eventbridge.inbound.auth.Authenticators;
import io.connectors.eventbridge.inbound.binding.ActivationFailure;
import io.connectors.eventbridge.inbound.binding.ConfigurationWarnings;
import io.connectors.eventbridge.inbound.binding.ElementPropertiesBinder;
import io.connectors.eventbridge.inbound.binding.MessageTtl;
import io.connectors.eventbridge.inbound.correlation.EventCorrelator;
import io.connectors.eventbridge.inbound.crypto.EventDecryption;
import io.connectors.eventbridge.inbound.envelope.DeliveryParser;
import io.connectors.eventbridge.inbound.envelope.DeliveryReader;
import io.connectors.eventbridge.inbound.http.EventOutcome;
import io.connectors.eventbridge.inbound.http.RequestContract;
import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookRequest;
import io.connectors.eventbridge.inbound.http.WebhookResponses;
import io.connectors.eventbridge.inbound.http.WebhookStatus;
import io.connectors.eventbridge.inbound.metrics.WebhookMetrics;
import io.connectors.eventbridge.inbound.model.Defaults;
import io.connectors.eventbridge.inbound.model.WebhookElementProperties;
import io.connectors.eventbridge.inbound.model.WebhookId;
import io.connectors.eventbridge.inbound.pattern.EventPatternFilter;
import io.connectors.eventbridge.inbound.signature.SignatureVerifiers;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives EventBridge API-destination deliveries and signed webhooks, and starts or correlates
 * processes with them.
 *
 * <h2>Why the work happens in {@link #verify}</h2>
 *
 * The 8.8 Spring runtime's {@code InboundWebhookRestController} handles a request like this:
 *
 * <ol>
 *   <li>it calls {@code verify(payload)}; a non-null {@link WebhookHttpResponse} is returned to the
 *       caller as is (status, headers, body) and nothing else happens;
 *   <li>otherwise it calls {@code triggerWebhook(payload)} and then correlates the returned request
 *       <em>once</em>, as a whole, mapping {@code Failure.Other} to a bare 500 and a consumed
 *       unmatched event to 200;
 *   <li>a {@link WebhookConnectorException} thrown by either keeps its status.
 * </ol>
 *
 * A batched delivery (a JSON array) must be correlated element by element and answered per element,
 * and engine errors must become 429/503 so EventBridge retries them. Step 2 can do neither, and
 * correlating ourselves inside {@code triggerWebhook} would make the controller correlate a second
 * time. So {@code verify} runs the whole pipeline, calls {@code context.correlate} per event and
 * always returns the final answer. The price is that the runtime logs each request as a
 * "verification request" in the connector's activity log; we add our own activity entry with the
 * real outcome.
 *
 * <p>{@link #triggerWebhook} remains for runtimes that never call {@code verify}: the same stages
 * up to correlation admit a single event, and the runtime correlates it.
 */
@InboundConnector(name = "Amazon EventBridge Webhook", type = EventBridgeWebhookExecutable.TYPE)
@ElementTemplate(
    id = "io.connectors.eventbridge.webhook.v1",
    name = "Amazon EventBridge Webhook",
    version = 1,
    description =
        "Receive EventBridge API-destination deliveries and signed webhooks (Control Room, GitHub,"
            + " Standard Webhooks), then start or correlate a process",
    documentationRef =
        "https://github.com/connectors-io/camunda-eventbridge-connectors#inbound-connector-eventbridge-webhook",
    icon = "eventbridge-webhook-icon.svg",
    metadata =
        @ElementTemplate.Metadata(
            keywords = {"aws", "eventbridge", "webhook", "hmac", "control room"}),
    inputDataClass = WebhookElementProperties.class,
    engineVersion = "^8.8",
    propertyGroups = {
      @PropertyGroup(id = "endpoint", label = "Webhook configuration", openByDefault = true),
      @PropertyGroup(id = "authorization", label = "Authorization"),
      @PropertyGroup(id = "signature", label = "HMAC signature"),
      @PropertyGroup(id = "filter", label = "Event filter"),
      @PropertyGroup(id = "decryption", label = "Payload decryption"),
      @PropertyGroup(id = "delivery", label = "Delivery format and replays")
    },
    // Names that fit the properties panel's header at Desktop Modeler's default width (280 px);
    // ModelerAppliedTemplatesTest measures them in the real panel.
    elementTypes = {
      @ConnectorElementType(
          appliesTo = BpmnType.START_EVENT,
          elementType = BpmnType.START_EVENT,
          templateIdOverride = "io.connectors.eventbridge.webhook.StartEvent.v1",
          templateNameOverride = "EventBridge Start Event"),
      @ConnectorElementType(
          appliesTo = BpmnType.START_EVENT,
          elementType = BpmnType.MESSAGE_START_EVENT,
          templateIdOverride = "io.connectors.eventbridge.webhook.MessageStartEvent.v1",
          templateNameOverride = "EventBridge Message Start"),
      @ConnectorElementType(
          appliesTo = {BpmnType.INTERMEDIATE_THROW_EVENT, BpmnType.INTERMEDIATE_CATCH_EVENT},
          elementType = BpmnType.INTERMEDIATE_CATCH_EVENT,
          templateIdOverride = "io.connectors.eventbridge.webhook.IntermediateCatchEvent.v1",
          templateNameOverride = "EventBridge Catch Event"),
      @ConnectorElementType(
          appliesTo = BpmnType.BOUNDARY_EVENT,
          elementType = BpmnType.BOUNDARY_EVENT,
          templateIdOverride = "io.connectors.eventbridge.webhook.BoundaryEvent.v1",
          templateNameOverride = "EventBridge Boundary"),
      @ConnectorElementType(
          appliesTo = BpmnType.RECEIVE_TASK,
          elementType = BpmnType.RECEIVE_TASK,
          templateIdOverride = "io.connectors.eventbridge.webhook.ReceiveTask.v1",
          templateNameOverride = "EventBridge Receive Task")
    })
public class EventBridgeWebhookExecutable implements WebhookConnectorExecutable {

  public static final String TYPE = "io.connectors.eventbridge:webhook:1";

  private static final Logger LOG = LoggerFactory.getLogger(EventBridgeWebhookExecutable.class);

  /** The metrics' and the log's name for a webhook whose properties cannot be read. */
  private static final String UNKNOWN_WEBHOOK = "?";

  /**
   * EventBridge custom buses batch at most a few dozen events; this bounds the work per request.
   */
  static final int MAX_BATCH_SIZE = 100;

  /** The runtime's, shared by all its webhooks; null when this executable starts its own. */
  private final WebhookResources shared;

  private final RepeatedAnswers repeatedAnswers = new RepeatedAnswers(System::nanoTime);

  /** Started by {@link #activate} and closed by {@link #deactivate} when nothing is shared. */
  private volatile WebhookResources own;

  private volatile InboundConnectorContext context;
  private volatile WebhookMetrics metrics;

  /**
   * Everything a request needs, built by {@link #activate} and published at once, so a request
   * never sees half of one configuration; null while the webhook is not active.
   */
  private volatile WebhookRequestHandler handler;

  /**
   * For a runtime that knows only this constructor (Camunda's stock runtime, through
   * ServiceLoader): each activation starts resources of its own, a watchdog thread until {@link
   * #deactivate}, and meters in Micrometer's global registry, the one such a runtime's {@code
   * /actuator/prometheus} serves.
   */
  public EventBridgeWebhookExecutable() {
    this(null);
  }

  /**
   * @param shared the runtime's resources, owned and closed by the runtime (ours: a Spring bean)
   */
  public EventBridgeWebhookExecutable(WebhookResources shared) {
    this.shared = shared;
  }

  /**
   * Builds everything a request needs, once. A configuration the connector cannot use leaves the
   * webhook registered but DOWN, answering 503 (so EventBridge keeps the events until the element
   * is fixed), and never throws: the 8.8 runtime registers the webhook ID before calling us and
   * does not release it when activation throws, so a corrected redeployment would stay blocked.
   */
  @Override
  public void activate(InboundConnectorContext context) {
    this.context = context;
    var resources = shared != null ? shared : startOwn();
    String webhookId = UNKNOWN_WEBHOOK;
    try {
      // Read once: every call repeats the runtime's secret substitution (and its secret lookups).
      Map<String, Object> raw = context.getProperties();
      webhookId = webhookIdOf(raw);
      this.metrics = new WebhookMetrics(resources.meterRegistry(), webhookId);
      var element = ElementPropertiesBinder.bind(raw, WebhookElementProperties.class);
      MessageTtl.check(raw);
      var properties = element.inbound();
      if (properties == null || !WebhookId.isValid(properties.context())) {
        throw new ConnectorInputException("inbound.context (Webhook ID): " + WebhookId.RULE);
      }
      // Everything expensive happens here, once: pattern compilation, secret decoding, Mac
      // prototypes, the JWKS source and JWT processor, the decryption keyring.
      var warnings = ConfigurationWarnings.of(properties.context(), context);
      var parser = new DeliveryParser(MAX_BATCH_SIZE);
      var decryption = EventDecryption.create(properties.decryption(), parser.mapper());
      var admission =
          new RequestAdmission(
              properties.method(),
              properties.maxBodyBytes(),
              timeBudget(properties.timeBudgetMillis(), warnings),
              SignatureVerifiers.create(properties.signature(), resources.clock()),
              Authenticators.create(properties.auth(), warnings, resources.meterRegistry()),
              parser,
              new DeliveryReader(properties.delivery().format()));
      var filter = EventPatternFilter.compile(properties.filter().eventPattern(), warnings);
      boolean consumeUnmatched = element.consumesUnmatched();
      handler =
          new WebhookRequestHandler(
              admission,
              filter,
              decryption,
              new EventCorrelator(context, consumeUnmatched),
              consumeUnmatched,
              properties.delivery().replays(),
              warnings,
              metrics,
              resources.watchdog());
      context.reportHealth(Health.up());
    } catch (RuntimeException | LinkageError invalidConfiguration) {
      // Not only ConnectorInputException: the Encryption SDK, for one, refuses some keyring
      // settings with its own exception types, whose text we do not pass on.
      handler = null;
      // A webhook that answers 503 to everything has no correlation to watch.
      stopOwn();
      this.metrics = new WebhookMetrics(resources.meterRegistry(), webhookId);
      String reason = ActivationFailure.reason(invalidConfiguration);
      LOG.warn("Webhook '{}' is DOWN, its settings cannot be used: {}", webhookId, reason);
      context.reportHealth(Health.down(new Health.Error(ActivationFailure.CODE, reason)));
      context.log(
          activity ->
              activity
                  .withSeverity(Severity.ERROR)
                  .withTag("Activation")
                  .withMessage("Settings cannot be used: " + reason));
    }
  }

  private WebhookResources startOwn() {
    stopOwn();
    var started = WebhookResources.start(Metrics.globalRegistry);
    own = started;
    return started;
  }

  private void stopOwn() {
    var started = own;
    own = null;
    if (started != null) {
      started.close();
    }
  }

  /**
   * The budget used: at most {@link Defaults#MAX_TIME_BUDGET_MILLIS}, since no sender waits longer.
   * A larger value was valid before that limit and must not stop a deployed diagram, so it is
   * lowered and reported instead of refused.
   */
  private static Duration timeBudget(int millis, ConfigurationWarnings warnings) {
    if (millis <= Defaults.MAX_TIME_BUDGET_MILLIS) {
      return Duration.ofMillis(millis);
    }
    warnings.reportAdjusted(
        "inbound.timeBudgetMillis",
        "is more than 30000 (30 s, the longest any sender waits); 30000 is used");
    return Duration.ofMillis(Defaults.MAX_TIME_BUDGET_MILLIS);
  }

  private static String webhookIdOf(Map<String, Object> properties) {
    return properties.get("inbound") instanceof Map<?, ?> inbound
            && inbound.get("context") instanceof String id
        ? id
        : UNKNOWN_WEBHOOK;
  }

  /** Stops the webhook, and the watchdog thread of resources it started itself. */
  @Override
  public void deactivate() {
    handler = null;
    stopOwn();
  }

  /**
   * What this webhook accepts before credentials are looked at, for a runtime that checks requests
   * before reading their body (ours does, in a servlet filter); empty while it is not active.
   */
  public Optional<RequestContract> requestContract() {
    var current = handler;
    return current == null ? Optional.empty() : Optional.of(current.contract());
  }

  /** The full pipeline, including correlation; see the class comment for why it lives here. */
  @Override
  public WebhookHttpResponse verify(WebhookProcessingPayload payload) {
    var current = handler;
    if (current == null) {
      return WebhookResponses.rejected(
          new RequestRejected(WebhookStatus.SERVICE_UNAVAILABLE, "webhook is not active"));
    }
    var response = current.handle(WebhookRequest.from(payload));
    logActivity(payload.method(), response);
    return response;
  }

  /**
   * Only reached on runtimes that ignore {@link #verify} (none we know of: Camunda 8.8's runtime
   * calls {@code verify} first and gets an answer for every request). The same stages as {@code
   * verify} up to correlation; the single event they let through is returned for the runtime to
   * correlate. A batch cannot be answered per element on that path and is refused.
   */
  @Override
  public WebhookResult triggerWebhook(WebhookProcessingPayload payload) {
    var current = handler;
    if (current == null) {
      throw new WebhookConnectorException(
          WebhookStatus.SERVICE_UNAVAILABLE, "webhook is not active");
    }
    try {
      return current.prepareForRuntime(WebhookRequest.from(payload));
    } catch (RequestRejected rejected) {
      throw new WebhookConnectorException(rejected.status(), rejected.reason());
    }
  }

  /**
   * The answer's fixed word (outcome, rejection reason, or BATCH): the metrics' reason tag and the
   * start of the activity entry. Never payload, headers or secrets.
   */
  private static String reason(Object body) {
    return switch (body) {
      case WebhookResponses.Rejection rejection -> rejection.reason();
      case EventOutcome outcome -> outcome.outcome();
      case WebhookResponses.BatchAnswer batch -> "BATCH";
      case null, default -> "";
    };
  }

  /**
   * The activity entry's text: the reason, and for a batch how much of it was accepted; replayed
   * events are named as such, so an operator sees a replay arrive whatever the element does with
   * it.
   */
  private static String summary(Object body) {
    return switch (body) {
      case WebhookResponses.BatchAnswer batch -> {
        long replayed = batch.results().stream().filter(EventOutcome::replayed).count();
        yield "batch of "
            + batch.results().size()
            + ", "
            + batch.accepted()
            + " accepted"
            + (replayed == 0 ? "" : ", " + replayed + " replayed");
      }
      case EventOutcome outcome when outcome.replayed() -> outcome.outcome() + " (replayed event)";
      case null, default -> reason(body);
    };
  }

  /**
   * For a runtime that answers a request before it reaches {@link #verify} (our runtime's request
   * filter: 429, 405, 415, 413, OPTIONS). The metrics count every such answer; the activity log has
   * an entry for the first and then one per {@link RepeatedAnswers#INTERVAL} with the count of
   * those in between, since they come in storms (429 while the replica sheds).
   *
   * @param reason one of our fixed reasons
   */
  public void answeredByRuntime(String method, int status, String reason) {
    var current = context;
    if (current == null) {
      return;
    }
    metrics.answered(status, reason);
    long leftOut = repeatedAnswers.entryFor(status, reason);
    if (leftOut != RepeatedAnswers.LEFT_OUT) {
      String repeats = leftOut == 0 ? "" : " (and " + leftOut + " times since the last entry)";
      logActivity(current, method, status, reason + repeats);
    }
  }

  private void logActivity(String method, WebhookHttpResponse response) {
    var current = context;
    if (current == null) {
      return;
    }
    int status = response.statusCode() == null ? WebhookStatus.OK : response.statusCode();
    metrics.answered(status, reason(response.body()));
    logActivity(current, method, status, summary(response.body()));
  }

  /**
   * Best effort: the answer is decided and may already be on its way. The 8.8 runtime's activity
   * log is not thread-safe, and a write racing another one can throw (docs/compatibility.md, row
   * 2); a lost entry must not turn a decided answer into an error.
   */
  private static void logActivity(
      InboundConnectorContext context, String method, int status, String summary) {
    try {
      context.log(
          activity ->
              activity
                  .withSeverity(WebhookStatus.isSuccess(status) ? Severity.INFO : Severity.WARNING)
                  .withTag(method)
                  .withMessage("Answered " + status + ": " + summary));
    } catch (RuntimeException e) {
      LOG.debug("Activity entry lost: {}", e.getClass().getName());
    }
  }
}
