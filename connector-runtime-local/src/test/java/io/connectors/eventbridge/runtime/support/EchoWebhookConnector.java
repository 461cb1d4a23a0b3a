package io.connectors.eventbridge.runtime.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.connector.api.annotation.InboundConnector;
import io.camunda.connector.api.inbound.webhook.MappedHttpRequest;
import io.camunda.connector.api.inbound.webhook.WebhookConnectorExecutable;
import io.camunda.connector.api.inbound.webhook.WebhookProcessingPayload;
import io.camunda.connector.api.inbound.webhook.WebhookResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A minimal webhook connector for runtime tests: it hands the JSON body to the runtime unchanged. A
 * request with an {@code x-test-hold} header waits until the test calls {@link #release} with the
 * header's value (to hold a request in flight for as long as the test needs). It keeps the
 * runtime's own tests independent of the EventBridge inbound connector's settings; that connector
 * is tested with its real configuration in its own module and in the examples.
 */
@InboundConnector(name = "Runtime test webhook", type = EchoWebhookConnector.TYPE)
public class EchoWebhookConnector implements WebhookConnectorExecutable {

  public static final String TYPE = "io.connectors.eventbridge.test:echo-webhook:1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LONGEST_HOLD = Duration.ofSeconds(30);
  private static final Map<String, CountDownLatch> HOLDS = new ConcurrentHashMap<>();

  /** Lets the requests held under {@code name} go on, now and from now on. */
  public static void release(String name) {
    hold(name).countDown();
  }

  private static CountDownLatch hold(String name) {
    return HOLDS.computeIfAbsent(name, unused -> new CountDownLatch(1));
  }

  @Override
  public WebhookResult triggerWebhook(WebhookProcessingPayload payload) throws Exception {
    String held = payload.headers().get("x-test-hold");
    if (held != null && !hold(held).await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS)) {
      // A test that never releases must not hang the runtime's request thread for good.
      throw new IllegalStateException("request held as '" + held + "' was never released");
    }
    Object body =
        payload.rawBody().length == 0 ? null : JSON.readValue(payload.rawBody(), Object.class);
    var request = new MappedHttpRequest(body, payload.headers(), payload.params());
    return () -> request;
  }
}
