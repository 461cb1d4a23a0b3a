package io.connectors.eventbridge.inbound.http;

import io.camunda.connector.api.inbound.webhook.WebhookProcessingPayload;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of an HTTP request the connector looks at, with header names in lower case: HTTP header
 * names are case-insensitive, and the runtime passes them on as the client spelled them.
 */
public record WebhookRequest(
    String method, Map<String, String> headers, Map<String, String> params, byte[] rawBody) {

  public WebhookRequest {
    method = method == null ? "" : method.toUpperCase(Locale.ROOT);
    headers = headers == null ? Map.of() : headers;
    params = params == null ? Map.of() : params;
    rawBody = rawBody == null ? new byte[0] : rawBody;
  }

  public static WebhookRequest from(WebhookProcessingPayload payload) {
    return new WebhookRequest(
        payload.method(), lowerCaseNames(payload.headers()), payload.params(), payload.rawBody());
  }

  public static Map<String, String> lowerCaseNames(Map<String, String> headers) {
    if (headers == null) {
      return Map.of();
    }
    var lower = new HashMap<String, String>(headers.size() * 2);
    headers.forEach(
        (name, value) -> {
          if (name != null && value != null) {
            lower.put(name.toLowerCase(Locale.ROOT), value);
          }
        });
    return lower;
  }

  /** A header by its lower-case name. */
  public String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }

  @Override
  public String toString() {
    // Headers can carry credentials and the body can carry anything: never print them.
    return "WebhookRequest[method=" + method + ", bodyBytes=" + rawBody.length + "]";
  }
}
