package io.connectors.eventbridge.runtime.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a clash on the HTTP port in one line, with the property to change. Ordered before Spring
 * Boot's own analyzer for the same exception, which does not name the property.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
    return new FailureAnalysis(
        PortInUseMessages.describe(
            cause.getPort(), "HTTP (webhooks, actuator)", "server.port", "SERVER_PORT"),
        "Stop the other process (often another running instance of this runtime), or set"
            + " server.port to a free port.",
        cause);
  }
}
