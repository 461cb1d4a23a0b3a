package io.connectors.eventbridge.runtime.local.engine;

import io.connectors.eventbridge.runtime.local.LocalModeProperties;
import io.connectors.eventbridge.runtime.startup.PortInUseMessages;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a clash on the embedded engine's gRPC port in one line, with the property to change. */
class GrpcPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<GrpcPortInUseException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, GrpcPortInUseException cause) {
    return new FailureAnalysis(
        PortInUseMessages.describe(
            cause.port(),
            "the in-memory engine's gRPC gateway",
            LocalModeProperties.GRPC_PORT_PROPERTY,
            "EVENTBRIDGE_LOCAL_GRPC_PORT"),
        "Stop the other process (often another running instance of this runtime), or set "
            + LocalModeProperties.GRPC_PORT_PROPERTY
            + " to a free port.",
        cause);
  }
}
