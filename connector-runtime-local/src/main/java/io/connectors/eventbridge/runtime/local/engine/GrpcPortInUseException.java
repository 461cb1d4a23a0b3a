package io.connectors.eventbridge.runtime.local.engine;

/** The port configured for the embedded engine's gRPC gateway is taken by another process. */
public final class GrpcPortInUseException extends RuntimeException {

  private final int port;

  public GrpcPortInUseException(int port, Throwable cause) {
    super("Port " + port + " for the in-memory engine's gRPC gateway is already in use", cause);
    this.port = port;
  }

  public int port() {
    return port;
  }
}
