package io.connectors.eventbridge.runtime.local.bus.rules;

import java.net.URI;

/** An HTTP endpoint a rule delivers to, like an EventBridge API destination. */
public record RuleTarget(URI url, TargetAuth auth) {

  /** The URL without user info or query, which may carry credentials, for logs and dead letters. */
  public String displayUrl() {
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() >= 0 ? ":" + url.getPort() : "")
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }

  @Override
  public String toString() {
    return "RuleTarget[" + displayUrl() + ", " + auth + "]";
  }
}
