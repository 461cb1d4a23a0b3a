package io.connectors.eventbridge.runtime.webhooks;

import io.camunda.connector.runtime.inbound.executable.ActiveExecutableQuery;
import io.camunda.connector.runtime.inbound.executable.InboundExecutableRegistry;
import io.camunda.connector.runtime.inbound.executable.RegisteredExecutable;
import io.camunda.connector.runtime.inbound.importer.ProcessDefinitionImporter;
import io.camunda.connector.runtime.inbound.importer.ProcessDefinitionSearch;
import io.camunda.connector.runtime.inbound.state.ProcessDefinitionInspector;
import io.camunda.connector.runtime.inbound.webhook.WebhookConnectorRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Decides, for a webhook ID this replica does not serve, whether the sender must retry (503) or the
 * ID does not exist (404); and whether the replica is ready for webhook traffic at all.
 *
 * <p>EventBridge drops an event answered 404 and retries one answered 503. The runtime answers 404
 * for every ID that is not active on this replica, which is also true of a webhook that is deployed
 * but not yet active here: while the replica starts (its port opens seconds before the runtime's
 * first discovery has activated anything), between a new deployment and this replica's next
 * discovery (another replica may already serve it), and while a redeployment swaps the old version
 * for the new one. So:
 *
 * <ul>
 *   <li>Until the first discovery has completed and every webhook it found has been handled by the
 *       runtime (activated, or failed to activate), the replica is starting: every webhook request
 *       is answered 503 and readiness is DOWN.
 *   <li>After that, an ID the runtime does not serve is looked up in a view of the cluster's
 *       deployments that started at most {@code maxStaleness} before the request arrived: declared
 *       there, it is deployed but not active here yet (503, and the runtime's importer is asked to
 *       run now instead of at its next poll); not declared, it does not exist (the runtime's 404).
 *       No view in time (the cluster's search API is slow or down): 503, since 404 would be final.
 * </ul>
 */
public final class WebhookAvailability implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookAvailability.class);
  private static final Duration INITIAL_RETRY = Duration.ofMillis(250);
  private static final Duration MAX_RETRY = Duration.ofSeconds(5);

  /** What the request filter does with a request for a webhook ID. */
  public sealed interface Verdict {

    /**
     * The runtime serves the ID: pass the request on. Carries the registry entry the verdict was
     * decided on, so the filter does not look the webhook up again.
     */
    record Serve(RegisteredExecutable.Activated webhook) implements Verdict {}

    /** Not declared by any deployed definition: the runtime's own 404. */
    record Unknown() implements Verdict {}

    /** The sender must come back: 503. */
    record Unavailable(Unavailability why) implements Verdict {}
  }

  /** Why a webhook ID is answered 503 instead of being served. */
  public enum Unavailability {
    /** The replica is starting. */
    STARTING,
    /** Deployed, not active on this replica yet. */
    NOT_YET_ACTIVE,
    /** The deployments could not be read in time: a 404 would be final. */
    UNCONFIRMED
  }

  private static final Verdict STARTING = new Verdict.Unavailable(Unavailability.STARTING);
  private static final Verdict NOT_YET_ACTIVE =
      new Verdict.Unavailable(Unavailability.NOT_YET_ACTIVE);
  private static final Verdict UNCONFIRMED = new Verdict.Unavailable(Unavailability.UNCONFIRMED);
  private static final Verdict UNKNOWN = new Verdict.Unknown();

  private final WebhookConnectorRegistry webhooks;
  private final InboundExecutableRegistry executables;
  private final ProcessDefinitionImporter importer;
  private final DeployedWebhooks deployed;
  private final WebhookAvailabilitySettings settings;
  private final ScheduledExecutorService discovery;
  private final LongSupplier nanoClock;

  /** When the importer was last asked to run; at most once per maxStaleness. */
  private final AtomicLong lastImportNanos;

  private volatile boolean started;
  private volatile String startingReason = "first discovery of deployed webhooks not completed";

  WebhookAvailability(
      WebhookConnectorRegistry webhooks,
      InboundExecutableRegistry executables,
      ProcessDefinitionImporter importer,
      ProcessDefinitionSearch search,
      ProcessDefinitionInspector inspector,
      WebhookAvailabilitySettings settings,
      MeterRegistry registry) {
    this.webhooks = webhooks;
    this.executables = executables;
    this.importer = importer;
    this.settings = settings;
    this.nanoClock = System::nanoTime;
    this.discovery =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("eventbridge-webhook-discovery").daemon(true).factory());
    this.lastImportNanos =
        new AtomicLong(nanoClock.getAsLong() - settings.maxStaleness().toNanos());
    this.deployed = new DeployedWebhooks(search, inspector, nanoClock, discovery, registry);
  }

  /** Whether the first discovery has completed and each webhook it found was handled. */
  boolean started() {
    return started;
  }

  /** Why the replica is not started yet; a fixed sentence of ours. */
  String startingReason() {
    return startingReason;
  }

  /**
   * The verdict for a request for {@code webhookId} that arrived at {@code arrivalNanos}; waits at
   * most {@link WebhookAvailabilitySettings#lookupTimeout()} for a view of the deployments.
   */
  public Verdict verdict(String webhookId, long arrivalNanos) {
    if (!started) {
      return STARTING;
    }
    var served = served(webhookId);
    if (served.isPresent()) {
      return served.get();
    }
    DeployedWebhooks.View view;
    try {
      view =
          deployed
              .startedNoEarlierThan(arrivalNanos - settings.maxStaleness().toNanos())
              .get(settings.lookupTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return UNCONFIRMED;
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      return UNCONFIRMED;
    }
    if (!view.declares(webhookId)) {
      return UNKNOWN;
    }
    // Activated while the view was read?
    served = served(webhookId);
    if (served.isPresent()) {
      return served.get();
    }
    importSoon();
    return NOT_YET_ACTIVE;
  }

  private Optional<Verdict> served(String webhookId) {
    return webhooks.getActiveWebhook(webhookId).map(Verdict.Serve::new);
  }

  /**
   * The runtime's importer activates new deployments at its next poll (5 s by default); run it now,
   * on the discovery thread. It is synchronized and idempotent, and it is asked at most as often as
   * {@code maxStaleness}: a webhook that never activates (its activation failed) costs no more.
   */
  private void importSoon() {
    long now = nanoClock.getAsLong();
    long last = lastImportNanos.get();
    if (now - last < settings.maxStaleness().toNanos()
        || !lastImportNanos.compareAndSet(last, now)) {
      return;
    }
    discovery.execute(importer::scheduleImport);
  }

  /** Starts the first discovery once the application is up (the runtime's client is ready). */
  @EventListener(ApplicationReadyEvent.class)
  void discoverFirst() {
    discovery.execute(() -> firstDiscovery(INITIAL_RETRY));
  }

  private void firstDiscovery(Duration retryIn) {
    try {
      startFirstDiscovery(retryIn);
    } catch (RuntimeException unexpected) {
      retryFirstDiscovery(retryIn, unexpected);
    }
  }

  /** Whatever failed, the replica must not stay starting for good: try again, later each time. */
  private void retryFirstDiscovery(Duration retryIn, RuntimeException failure) {
    LOG.warn("Webhook start-up check failed ({}); retrying", failure.getClass().getSimpleName());
    Duration next = min(retryIn.multipliedBy(2), MAX_RETRY);
    discovery.schedule(() -> firstDiscovery(next), retryIn.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void startFirstDiscovery(Duration retryIn) {
    CompletableFuture<DeployedWebhooks.View> first =
        deployed.startedNoEarlierThan(nanoClock.getAsLong());
    first.whenComplete(
        (view, failure) -> {
          if (view == null) {
            startingReason = "deployed webhooks could not be read from the cluster yet";
            Duration next = min(retryIn.multipliedBy(2), MAX_RETRY);
            discovery.schedule(
                () -> firstDiscovery(next), retryIn.toMillis(), TimeUnit.MILLISECONDS);
            return;
          }
          startingReason = "discovered webhooks are being activated";
          long deadline = nanoClock.getAsLong() + settings.activationTimeout().toNanos();
          try {
            importer.scheduleImport();
            awaitHandled(view, deadline);
          } catch (RuntimeException unexpected) {
            retryFirstDiscovery(retryIn, unexpected);
          }
        });
  }

  /**
   * Checks, every {@link WebhookAvailabilitySettings#activationPollInterval()}, that the runtime
   * has handled each element of the first view. The runtime activates on a thread of its own and
   * publishes no event when it is done, so this is polled; it runs once per replica start.
   */
  private void awaitHandled(DeployedWebhooks.View view, long deadlineNanos) {
    List<DeployedWebhooks.Element> pending =
        view.byWebhookId().values().stream()
            .flatMap(List::stream)
            .filter(element -> !handled(element))
            .toList();
    if (pending.isEmpty()) {
      LOG.info(
          "Webhooks ready: {} deployed webhook(s) discovered and activated",
          view.byWebhookId().size());
      started = true;
      return;
    }
    if (nanoClock.getAsLong() - deadlineNanos >= 0) {
      LOG.warn(
          "Webhooks ready although {} webhook element(s) were not activated within {}: {}",
          pending.size(),
          settings.activationTimeout(),
          pending.stream().map(e -> e.bpmnProcessId() + "/" + e.elementId()).toList());
      started = true;
      return;
    }
    discovery.schedule(
        () -> {
          try {
            awaitHandled(view, deadlineNanos);
          } catch (RuntimeException unexpected) {
            retryFirstDiscovery(INITIAL_RETRY, unexpected);
          }
        },
        settings.activationPollInterval().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The runtime registered the element's definition version, activated or failed. */
  private boolean handled(DeployedWebhooks.Element element) {
    return executables
        .query(
            new ActiveExecutableQuery(
                element.bpmnProcessId(), element.elementId(), null, element.tenantId()))
        .stream()
        .flatMap(response -> response.elements().stream())
        .anyMatch(e -> e.element().processDefinitionKey() == element.definitionKey());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public void destroy() {
    discovery.shutdownNow();
  }
}
