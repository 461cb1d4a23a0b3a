package io.connectors.eventbridge.runtime.webhooks;

import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.connector.runtime.core.inbound.InboundConnectorElement;
import io.camunda.connector.runtime.inbound.importer.ProcessDefinitionSearch;
import io.camunda.connector.runtime.inbound.state.ProcessDefinitionInspector;
import io.camunda.connector.runtime.inbound.state.ProcessImportResult.ProcessDefinitionIdentifier;
import io.camunda.connector.runtime.inbound.state.ProcessImportResult.ProcessDefinitionVersion;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which webhook IDs the cluster's latest process definitions declare, as the runtime's own
 * discovery would find them: the same definition search and the same element inspection, run on
 * demand.
 *
 * <p>The runtime activates what its importer found on a thread of its own, and nothing tells when
 * that is done; so a replica cannot learn from the runtime alone whether an ID it does not serve is
 * unknown or only not yet active. This class answers that from the cluster. A definition's elements
 * never change, so each definition is inspected (its XML fetched) once; a refresh costs one paged
 * definition search.
 *
 * <p>Refreshes are coalesced and rate-limited: a caller asks for a view that started no earlier
 * than a point in time; a refresh already running that started late enough is shared, and a new one
 * starts only when none is. A flood of requests for unknown IDs thus costs at most one search per
 * {@code maxStaleness}, not one per request.
 */
final class DeployedWebhooks {

  /** The element property that names a webhook's path, as the runtime's webhook registry reads. */
  static final String CONTEXT_PROPERTY = "inbound.context";

  private static final Logger LOG = LoggerFactory.getLogger(DeployedWebhooks.class);

  /** One webhook element of a deployed definition. */
  record Element(String bpmnProcessId, String elementId, String tenantId, long definitionKey) {}

  /**
   * The webhooks of the latest definitions, as a refresh that started at {@code startedNanos} saw
   * them.
   */
  record View(long startedNanos, Map<String, List<Element>> byWebhookId) {

    boolean declares(String webhookId) {
      return byWebhookId.containsKey(webhookId);
    }
  }

  private final ProcessDefinitionSearch search;
  private final ProcessDefinitionInspector inspector;
  private final LongSupplier nanoClock;
  private final Executor executor;
  private final Timer refreshed;
  private final Timer failed;
  private final Map<Long, List<Map.Entry<String, Element>>> webhooksByDefinition =
      new ConcurrentHashMap<>();

  private volatile View latest;
  private CompletableFuture<View> running; // guarded by this
  private long runningStartedNanos; // guarded by this

  DeployedWebhooks(
      ProcessDefinitionSearch search,
      ProcessDefinitionInspector inspector,
      LongSupplier nanoClock,
      Executor executor,
      MeterRegistry registry) {
    this.search = search;
    this.inspector = inspector;
    this.nanoClock = nanoClock;
    this.executor = executor;
    this.refreshed = refreshTimer(registry, "success");
    this.failed = refreshTimer(registry, "failure");
  }

  private static Timer refreshTimer(MeterRegistry registry, String outcome) {
    return Timer.builder("eventbridge.webhook.discovery")
        .description("Reads of the deployed webhooks from the cluster (start-up, unknown IDs)")
        .tag("outcome", outcome)
        .register(registry);
  }

  /**
   * A view from a refresh that started at or after {@code notBeforeNanos}: the latest one if it is
   * fresh enough, the running one if it started late enough, else a new one, run on {@code
   * executor}.
   */
  CompletableFuture<View> startedNoEarlierThan(long notBeforeNanos) {
    var view = latest;
    if (view != null && view.startedNanos() - notBeforeNanos >= 0) {
      return CompletableFuture.completedFuture(view);
    }
    synchronized (this) {
      if (running != null && runningStartedNanos - notBeforeNanos >= 0) {
        return running;
      }
      if (running != null) {
        // Too old to count: the next refresh starts once this one has ended.
        return running
            .handle((ignored, failure) -> null)
            .thenCompose(ignored -> startedNoEarlierThan(notBeforeNanos));
      }
      long started = nanoClock.getAsLong();
      var refresh = new CompletableFuture<View>();
      running = refresh;
      runningStartedNanos = started;
      executor.execute(() -> refreshInto(refresh, started));
      return refresh;
    }
  }

  /**
   * Runs one refresh and only then completes its future, after {@code latest} and {@code running}
   * are updated: a waiter's callback that asks for a newer view must find this one ended.
   */
  private void refreshInto(CompletableFuture<View> refresh, long started) {
    View fresh = null;
    RuntimeException failure = null;
    try {
      fresh = refresh(started);
    } catch (RuntimeException e) {
      failure = e;
    }
    (fresh != null ? refreshed : failed)
        .record(nanoClock.getAsLong() - started, TimeUnit.NANOSECONDS);
    synchronized (this) {
      if (fresh != null) {
        latest = fresh;
      }
      running = null;
    }
    if (fresh != null) {
      refresh.complete(fresh);
    } else {
      // By type only: a client's message can carry request details.
      LOG.warn("Webhook discovery failed ({})", rootType(failure));
      refresh.completeExceptionally(failure);
    }
  }

  private static String rootType(Throwable failure) {
    var cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName();
  }

  private View refresh(long startedNanos) {
    List<ProcessDefinition> definitions = search.query();
    Map<String, List<Element>> byWebhookId = new HashMap<>();
    Set<Long> current = new HashSet<>();
    for (var definition : definitions) {
      long key = definition.getProcessDefinitionKey();
      current.add(key);
      for (var webhook : webhooksByDefinition.computeIfAbsent(key, k -> inspect(definition))) {
        byWebhookId
            .computeIfAbsent(webhook.getKey(), id -> new ArrayList<>())
            .add(webhook.getValue());
      }
    }
    webhooksByDefinition.keySet().retainAll(current);
    byWebhookId.replaceAll((id, elements) -> List.copyOf(elements));
    return new View(startedNanos, Map.copyOf(byWebhookId));
  }

  private List<Map.Entry<String, Element>> inspect(ProcessDefinition definition) {
    var elements =
        inspector.findInboundConnectors(
            new ProcessDefinitionIdentifier(
                definition.getProcessDefinitionId(), definition.getTenantId()),
            new ProcessDefinitionVersion(
                definition.getProcessDefinitionKey(), definition.getVersion()));
    return elements.stream()
        .filter(element -> webhookId(element) != null)
        .map(
            element ->
                Map.entry(
                    webhookId(element),
                    new Element(
                        element.element().bpmnProcessId(),
                        element.element().elementId(),
                        element.tenantId(),
                        definition.getProcessDefinitionKey())))
        .toList();
  }

  /**
   * The webhook path an element declares. A FEEL path is left out: the runtime evaluates it at
   * activation, and a request for it is then served or, if it never activates, answered 404 as
   * before.
   */
  private static String webhookId(InboundConnectorElement element) {
    String context = element.rawProperties().get(CONTEXT_PROPERTY);
    return context == null || context.isBlank() || context.startsWith("=") ? null : context;
  }
}
