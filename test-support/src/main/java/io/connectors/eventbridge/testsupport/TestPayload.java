package io.connectors.eventbridge.testsupport;

import io.camunda.connector.api.inbound.webhook.Part;
import io.camunda.connector.api.inbound.webhook.WebhookProcessingPayload;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A webhook request as the runtime hands it to the connector. */
public record TestPayload(
    String method, Map<String, String> headers, Map<String, String> params, byte[] rawBody)
    implements WebhookProcessingPayload {

  public static TestPayload post(String body) {
    return new TestPayload(
        "POST",
        Map.of("Content-Type", "application/json; charset=utf-8"),
        Map.of(),
        body.getBytes(StandardCharsets.UTF_8));
  }

  public TestPayload withHeader(String name, String value) {
    var copy = new HashMap<>(headers);
    copy.put(name, value);
    return new TestPayload(method, copy, params, rawBody);
  }

  public TestPayload withParam(String name, String value) {
    var copy = new HashMap<>(params);
    copy.put(name, value);
    return new TestPayload(method, headers, copy, rawBody);
  }

  public TestPayload withoutHeader(String name) {
    var copy = new HashMap<>(headers);
    copy.remove(name);
    return new TestPayload(method, copy, params, rawBody);
  }

  public TestPayload withMethod(String newMethod) {
    return new TestPayload(newMethod, headers, params, rawBody);
  }

  @Override
  public String requestURL() {
    return "http://localhost/inbound/orders";
  }

  @Override
  public Collection<Part> parts() {
    return List.of();
  }
}
