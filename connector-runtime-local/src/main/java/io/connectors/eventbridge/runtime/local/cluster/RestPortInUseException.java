package io.connectors.eventbridge.runtime.local.cluster;

/** The port configured for the stand-in cluster REST API is taken by another process. */
public final class RestPortInUseException extends RuntimeException {

  private final int port;

  public RestPortInUseException(int port, Throwable cause) {
    super("Port " + port + " for the local cluster REST API is already in use", cause);
    this.port = port;
  }

  public int port() {
    return port;
  }
}
