package io.connectors.eventbridge.runtime.local.engine;

import io.connectors.eventbridge.runtime.local.LocalModeProperties;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Refuses to start local mode when the configuration also names a real cluster.
 *
 * <p>Local mode points the Camunda client at its own engine and must win over every other source;
 * without this check a deployment that launched local mode by mistake would silently ignore its
 * {@code CAMUNDA_CLIENT_*} settings and run processes in memory. An address that is this machine's
 * own local engine (loopback, the configured gRPC port) is not a conflict.
 */
final class LocalModeConflict {

  private static final List<String> CLUSTER_PROPERTIES =
      List.of("camunda.client.cloud.cluster-id", "camunda.client.auth.client-id");

  private LocalModeConflict() {}

  static void check(Environment environment, LocalModeProperties properties) {
    Binder binder = Binder.get(environment);
    // The specific settings first: the Camunda client derives camunda.client.mode from them.
    for (String property : CLUSTER_PROPERTIES) {
      if (binder.bind(property, String.class).isBound()) {
        throw new LocalModeConflictException(property);
      }
    }
    String mode = binder.bind("camunda.client.mode", String.class).orElse("self-managed");
    if (!mode.equalsIgnoreCase("self-managed")) {
      throw new LocalModeConflictException("camunda.client.mode");
    }
    requireLocal(binder, "camunda.client.grpc-address", properties.grpcPort());
    // The stand-in REST API's port; 0 (tests) never matches, so any REST address conflicts there.
    requireLocal(binder, "camunda.client.rest-address", properties.restPort());
  }

  private static void requireLocal(Binder binder, String property, int localPort) {
    // The value is not repeated in the message: an address may carry user information.
    String address = binder.bind(property, String.class).orElse(null);
    if (address != null && !isLocal(address, localPort)) {
      throw new LocalModeConflictException(property);
    }
  }

  private static boolean isLocal(String address, int localPort) {
    try {
      URI uri = URI.create(address.strip());
      if (uri.getHost() == null || uri.getPort() != localPort) {
        return false;
      }
      String host = uri.getHost().toLowerCase(Locale.ROOT);
      return host.equals("localhost") || InetAddress.getByName(host).isLoopbackAddress();
    } catch (IllegalArgumentException | UnknownHostException e) {
      return false;
    }
  }
}
