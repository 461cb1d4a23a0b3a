package io.connectors.eventbridge.runtime.local.cluster;

import io.connectors.eventbridge.runtime.local.LocalModeProperties;
import io.connectors.eventbridge.runtime.startup.PortInUseMessages;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a clash on the stand-in cluster REST API's port in one line, with its property. */
class RestPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<RestPortInUseException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, RestPortInUseException cause) {
    return new FailureAnalysis(
        PortInUseMessages.describe(
            cause.port(),
            "the local cluster REST API",
            LocalModeProperties.REST_PORT_PROPERTY,
            "EVENTBRIDGE_LOCAL_REST_PORT"),
        "Stop the other process (often a Camunda cluster or another running instance of this"
            + " runtime), or set "
            + LocalModeProperties.REST_PORT_PROPERTY
            + " to a free port.",
        cause);
  }
}
