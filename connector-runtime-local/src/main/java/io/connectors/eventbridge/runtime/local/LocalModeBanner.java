package io.connectors.eventbridge.runtime.local;

import io.camunda.connector.runtime.inbound.webhook.WebhookConnectorRegistry;
import io.connectors.eventbridge.runtime.local.bus.LocalEventBusController;
import io.connectors.eventbridge.runtime.local.cluster.StandInCluster;
import io.connectors.eventbridge.runtime.local.deploy.BpmnDirectoryDeployer;
import io.connectors.eventbridge.runtime.local.engine.EmbeddedZeebeEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Logs what a developer needs once local mode is up: where to deploy, which webhooks are live,
 * where the local bus listens, and a command to try.
 *
 * <p>Webhooks activate asynchronously, on the inbound importer's next scans. The banner therefore
 * waits, off the start-up thread and for a bounded time, for two scans that started after the
 * start-up deployments, so that it lists the example webhooks rather than an empty set.
 */
public final class LocalModeBanner implements ApplicationListener<ApplicationReadyEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(LocalModeBanner.class);
  private static final Duration MAX_WAIT_FOR_WEBHOOKS = Duration.ofSeconds(5);
  private static final String SAMPLE_EVENT =
      """
      {"id":"evt-1","detail-type":"OrderPlaced","source":"com.example.shop","detail":{"orderId":"42","total":10}}\
      """;
  private static final String SAMPLE_PUT_EVENTS =
      """
      {"Entries":[{"Source":"com.example.shop","DetailType":"OrderPlaced","Detail":"{\\"orderId\\":\\"42\\",\\"total\\":10}"}]}\
      """;

  private final EmbeddedZeebeEngine engine;
  private final StandInCluster cluster;
  private final WebhookConnectorRegistry webhooks;
  private final BpmnDirectoryDeployer deployer;
  private final boolean busEnabled;

  public LocalModeBanner(
      EmbeddedZeebeEngine engine,
      StandInCluster cluster,
      WebhookConnectorRegistry webhooks,
      BpmnDirectoryDeployer deployer,
      boolean busEnabled) {
    this.engine = engine;
    this.cluster = cluster;
    this.webhooks = webhooks;
    this.deployer = deployer;
    this.busEnabled = busEnabled;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port");
    Environment environment = event.getApplicationContext().getEnvironment();
    String baseUrl =
        "http://localhost:"
            + (port != null ? port : environment.getProperty("server.port", "8080"));
    long scansAtReady = cluster.definitionScans();
    Thread.ofVirtual()
        .name("local-mode-banner")
        .start(
            () -> {
              awaitScans(scansAtReady + 2);
              LOG.info(render(baseUrl));
            });
  }

  private void awaitScans(long target) {
    Instant deadline = Instant.now().plus(MAX_WAIT_FOR_WEBHOOKS);
    while (cluster.definitionScans() < target && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  String render(String baseUrl) {
    var ids = new TreeSet<>(webhooks.getExecutablesByContext().keySet());
    var deployed =
        deployer.outcomes().stream().filter(BpmnDirectoryDeployer.DeployOutcome::deployed).count();
    var failed = deployer.outcomes().size() - deployed;
    var out = new StringBuilder("\n");
    String rule = "=".repeat(96);
    out.append(rule).append('\n');
    out.append(
        "  EventBridge connector runtime - LOCAL MODE (development only: in-memory engine, nothing"
            + " is persisted)\n");
    out.append(rule).append('\n');
    line(
        out,
        "Zeebe gRPC gateway",
        engine.grpcAddress() + "  (Desktop Modeler, zbctl --insecure, Camunda clients)");
    line(
        out,
        "Cluster REST API (v2)",
        cluster.restAddress() + "  (Desktop Modeler, Camunda clients; deploy, start, search)");
    if (ids.isEmpty()) {
      line(
          out,
          "Webhooks",
          baseUrl + "/inbound/{id}  (none active yet; deploy a process with a webhook event)");
    } else {
      boolean first = true;
      for (String id : ids) {
        line(out, first ? "Webhooks" : "", baseUrl + "/inbound/" + id);
        first = false;
      }
    }
    line(out, "Active webhooks (JSON)", baseUrl + "/inbound");
    if (busEnabled) {
      line(
          out,
          "Local event bus",
          baseUrl
              + LocalEventBusController.PATH
              + "  (development only; AWS SDK endpointOverride, any credentials)");
      line(out, "Bus dead letters", baseUrl + LocalEventBusController.DEAD_LETTERS_PATH);
    }
    line(out, "Health", baseUrl + "/actuator/health");
    line(
        out,
        "BPMN folders",
        deployer.directories().isEmpty() ? "(none)" : deployer.directories().toString());
    line(
        out,
        "Deployed at start-up",
        deployed
            + " file(s)"
            + (failed > 0 ? ", " + failed + " failed (see the warnings above)" : ""));
    out.append("  Try it:\n");
    for (String command : exampleCommands(baseUrl, ids.isEmpty() ? null : ids.first())) {
      out.append("    ").append(command).append('\n');
    }
    out.append(rule);
    return out.toString();
  }

  private List<String> exampleCommands(String baseUrl, String webhookId) {
    if (!busEnabled) {
      return List.of(
          "curl -i -X POST %s/inbound/%s -H 'Content-Type: application/json' -d '%s'"
              .formatted(baseUrl, webhookId != null ? webhookId : "{id}", SAMPLE_EVENT));
    }
    // Through the bus rather than straight to a webhook: the first webhook in the list may need
    // credentials or a signature, while the bus rules know what each webhook expects.
    String putEvents =
        ("curl -i %s%s -H 'X-Amz-Target: AWSEvents.PutEvents'"
                + " -H 'Content-Type: application/x-amz-json-1.1' -d '%s'")
            .formatted(baseUrl, LocalEventBusController.PATH, SAMPLE_PUT_EVENTS);
    return List.of("# put an event on the local bus; its rules deliver it to a webhook", putEvents);
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append("  ").append(String.format("%-24s", label)).append(value).append('\n');
  }
}
