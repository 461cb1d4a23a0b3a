package io.connectors.eventbridge.inbound.http;

import java.util.Map;

/**
 * A request we refuse before anything reaches the engine. The reason is shown to the sender, so it
 * must never contain a secret, a token or payload data.
 *
 * <p>No stack trace: rejections are ordinary control flow on an internet-facing endpoint and must
 * stay cheap under a flood of bad requests.
 */
public final class RequestRejected extends RuntimeException {

  private final int status;
  private final Map<String, String> headers;

  public RequestRejected(int status, String reason) {
    this(status, reason, Map.of());
  }

  public RequestRejected(int status, String reason, Map<String, String> headers) {
    super(reason, null, false, false);
    this.status = status;
    this.headers = Map.copyOf(headers);
  }

  public int status() {
    return status;
  }

  public String reason() {
    return getMessage();
  }

  public Map<String, String> headers() {
    return headers;
  }

  public static RequestRejected unauthorized(String reason) {
    return new RequestRejected(WebhookStatus.UNAUTHORIZED, reason);
  }

  public static RequestRejected unauthorized(String reason, String challenge) {
    return new RequestRejected(
        WebhookStatus.UNAUTHORIZED, reason, Map.of("WWW-Authenticate", challenge));
  }
}
