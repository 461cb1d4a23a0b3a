package io.connectors.eventbridge.runtime.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.connector.api.annotation.InboundConnector;
import io.camunda.connector.api.inbound.webhook.MappedHttpRequest;
import io.camunda.connector.api.inbound.webhook.WebhookConnectorExecutable;
import io.camunda.connector.api.inbound.webhook.WebhookProcessingPayload;
import io.camunda.connector.api.inbound.webhook.WebhookResult;

/**
 * A minimal webhook connector for runtime tests: it hands the JSON body to the runtime unchanged,
 * after waiting {@code x-test-delay-ms} milliseconds if the request has that header (to hold a
 * request in flight). It keeps the runtime's own tests independent of the EventBridge inbound
 * connector's settings; that connector is tested with its real configuration in its own module and
 * in the examples.
 */
@InboundConnector(name = "Runtime test webhook", type = EchoWebhookConnector.TYPE)
public class EchoWebhookConnector implements WebhookConnectorExecutable {

  public static final String TYPE = "io.connectors.eventbridge.test:echo-webhook:1";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public WebhookResult triggerWebhook(WebhookProcessingPayload payload) throws Exception {
    String delay = payload.headers().get("x-test-delay-ms");
    if (delay != null) {
      Thread.sleep(Long.parseLong(delay));
    }
    Object body =
        payload.rawBody().length == 0 ? null : JSON.readValue(payload.rawBody(), Object.class);
    var request = new MappedHttpRequest(body, payload.headers(), payload.params());
    return () -> request;
  }
}
