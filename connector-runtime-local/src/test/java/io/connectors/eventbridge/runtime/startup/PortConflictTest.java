package io.connectors.eventbridge.runtime.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectors.eventbridge.runtime.ConnectorRuntimeApplication;
import io.connectors.eventbridge.runtime.local.cluster.RestPortInUseException;
import io.connectors.eventbridge.runtime.local.engine.GrpcPortInUseException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Starting while a port is taken fails with one line that names the port and the property. */
@ExtendWith(OutputCaptureExtension.class)
class PortConflictTest {

  @Test
  void takenGrpcPortNamesThePortAndItsProperty(CapturedOutput output) throws IOException {
    try (ServerSocket taken = occupyFreePort()) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> start("eventbridge.local.grpc-port=" + port, "server.port=0"))
          .isInstanceOf(GrpcPortInUseException.class);

      assertThat(output.getAll())
          .contains(
              "Port "
                  + port
                  + " for the in-memory engine's gRPC gateway is already in use;"
                  + " change it with --eventbridge.local.grpc-port=<port>"
                  + " (or EVENTBRIDGE_LOCAL_GRPC_PORT).");
    }
  }

  @Test
  void takenRestPortNamesThePortAndItsPropertyAndReleasesTheEngine(CapturedOutput output)
      throws IOException {
    int grpcPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      grpcPort = probe.getLocalPort();
    }
    try (ServerSocket taken = occupyFreePort()) {
      int port = taken.getLocalPort();

      assertThatThrownBy(
              () ->
                  start(
                      "eventbridge.local.rest-port=" + port,
                      "eventbridge.local.grpc-port=" + grpcPort,
                      "server.port=0"))
          .isInstanceOf(RestPortInUseException.class);

      assertThat(output.getAll())
          .contains(
              "Port "
                  + port
                  + " for the local cluster REST API is already in use;"
                  + " change it with --eventbridge.local.rest-port=<port>"
                  + " (or EVENTBRIDGE_LOCAL_REST_PORT).");
    }
    try (ServerSocket again = new ServerSocket()) {
      again.bind(new InetSocketAddress(grpcPort));
    }
  }

  @Test
  void takenHttpPortNamesThePortAndItsPropertyAndReleasesTheEngine(CapturedOutput output)
      throws IOException {
    int grpcPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      grpcPort = probe.getLocalPort();
    }
    try (ServerSocket taken = occupyFreePort()) {
      int port = taken.getLocalPort();

      assertThatThrownBy(
              () -> start("server.port=" + port, "eventbridge.local.grpc-port=" + grpcPort))
          .isNotNull();

      assertThat(output.getAll())
          .contains(
              "Port "
                  + port
                  + " for HTTP (webhooks, actuator) is already in use;"
                  + " change it with --server.port=<port> (or SERVER_PORT).");
    }
    // The failed start closed its engine: the gateway port can be bound again.
    try (ServerSocket again = new ServerSocket()) {
      again.bind(new InetSocketAddress(grpcPort));
    }
  }

  /**
   * Starts the runtime as its command line would; builder properties would lose to
   * application.yaml.
   */
  private static void start(String... properties) {
    var args = new java.util.ArrayList<String>();
    for (String property : properties) {
      args.add("--" + property);
    }
    args.add("--eventbridge.local.examples-dir=");
    if (args.stream().noneMatch(arg -> arg.startsWith("--eventbridge.local.rest-port="))) {
      args.add("--eventbridge.local.rest-port=0");
    }
    args.add("--spring.main.banner-mode=off");
    new SpringApplicationBuilder(ConnectorRuntimeApplication.class)
        .run(args.toArray(String[]::new))
        .close();
  }

  private static ServerSocket occupyFreePort() throws IOException {
    var socket = new ServerSocket();
    socket.bind(new InetSocketAddress(0));
    return socket;
  }
}
