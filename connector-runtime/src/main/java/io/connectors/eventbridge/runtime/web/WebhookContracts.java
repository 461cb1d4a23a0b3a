package io.connectors.eventbridge.runtime.web;

import io.camunda.connector.runtime.inbound.webhook.WebhookConnectorRegistry;
import io.connectors.eventbridge.inbound.EventBridgeWebhookExecutable;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds what the EventBridge webhook behind an {@code /inbound/{id}} path accepts, so the request
 * filters can decide method, content type and size before the runtime's controller reads the body.
 * Webhooks of other connectors, and ours while not active, have no contract: the filters then apply
 * only what keeps the runtime from failing with a 500.
 */
@Component
class WebhookContracts {

  static final String INBOUND_PREFIX = "/inbound/";

  private static final String WEBHOOK_ATTRIBUTE = WebhookContracts.class.getName() + ".webhook";

  private final WebhookConnectorRegistry registry;

  WebhookContracts(WebhookConnectorRegistry registry) {
    this.registry = registry;
  }

  static boolean isWebhookPath(String requestUri) {
    return requestUri.startsWith(INBOUND_PREFIX);
  }

  /**
   * The active EventBridge webhook a request is for, looked up once per request: the three request
   * filters each need it, and the lookup goes through the runtime's registry.
   */
  Optional<EventBridgeWebhookExecutable> webhookFor(HttpServletRequest request) {
    @SuppressWarnings("unchecked")
    var known = (Optional<EventBridgeWebhookExecutable>) request.getAttribute(WEBHOOK_ATTRIBUTE);
    if (known == null) {
      known = webhookAt(request.getRequestURI());
      request.setAttribute(WEBHOOK_ATTRIBUTE, known);
    }
    return known;
  }

  /** The webhook ID of an {@code /inbound/{id}[/...]} path: the runtime's registry key. */
  static Optional<String> webhookId(String requestUri) {
    if (!isWebhookPath(requestUri)) {
      return Optional.empty();
    }
    String rest = requestUri.substring(INBOUND_PREFIX.length());
    int slash = rest.indexOf('/');
    String webhookId = slash < 0 ? rest : rest.substring(0, slash);
    return webhookId.isEmpty() ? Optional.empty() : Optional.of(webhookId);
  }

  /** The active EventBridge webhook behind the path, if any. */
  private Optional<EventBridgeWebhookExecutable> webhookAt(String requestUri) {
    return webhookId(requestUri)
        .flatMap(registry::getActiveWebhook)
        .map(active -> active.executable())
        .filter(EventBridgeWebhookExecutable.class::isInstance)
        .map(EventBridgeWebhookExecutable.class::cast);
  }
}
