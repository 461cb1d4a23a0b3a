package io.connectors.eventbridge.runtime.local.cluster;

import io.connectors.eventbridge.runtime.local.engine.EmbeddedZeebeEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.AbstractEnvironment;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Local mode's stand-in for a Camunda cluster's Orchestration Cluster REST API (v2): topology,
 * deployments, process instance creation and message publication go to the embedded engine;
 * searches of process definitions, element instances and variables are answered from the engine's
 * records. The connectors runtime discovers inbound connectors through it with its standard REST
 * search client, as it would against a real cluster.
 *
 * <p>It runs in a web context of its own, with its own port and an environment of its own (no
 * application.yaml, no environment variables), so the runtime's settings and auto-configuration do
 * not leak into it.
 */
public final class StandInCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StandInCluster.class);

  private final ServletWebServerApplicationContext context;
  private final String host;

  private StandInCluster(ServletWebServerApplicationContext context, String host) {
    this.context = context;
    this.host = host;
  }

  /**
   * Starts the API on {@code address}:{@code port} (a port of 0 picks a free one).
   *
   * @throws RestPortInUseException when the port is taken
   */
  public static StandInCluster start(EmbeddedZeebeEngine engine, String address, int port) {
    // Checked first, so that a clash is reported once, with this API's property, and not as a
    // failed start of a second application.
    ensurePortIsFree(address, port);
    var application = new SpringApplication(ClusterApiConfiguration.class);
    application.setWebApplicationType(WebApplicationType.SERVLET);
    // None of the runtime's initializers (which would start another engine) or listeners (which
    // would reconfigure logging and read application.yaml) run in this context.
    application.setInitializers(
        List.of(
            context ->
                context
                    .getBeanFactory()
                    .registerSingleton(ClusterApiConfiguration.ENGINE_BEAN_NAME, engine)));
    application.setListeners(List.of());
    application.setBannerMode(Banner.Mode.OFF);
    application.setLogStartupInfo(false);
    application.setRegisterShutdownHook(false);
    application.setEnvironment(environment(address, port));
    var context = (ServletWebServerApplicationContext) application.run();
    String host = address.equals("0.0.0.0") || address.equals("::") ? "127.0.0.1" : address;
    var cluster = new StandInCluster(context, host);
    LOG.info("Local Orchestration Cluster REST API on {}", cluster.restAddress());
    return cluster;
  }

  private static ConfigurableEnvironment environment(String address, int port) {
    ConfigurableEnvironment environment = new AbstractEnvironment() {};
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "eventbridgeLocalClusterApi",
                Map.of(
                    "server.address", address,
                    "server.port", String.valueOf(port),
                    "server.tomcat.threads.max", "16",
                    "server.tomcat.threads.min-spare", "1",
                    // Unknown paths become NoHandlerFoundException, answered as Camunda does.
                    "spring.web.resources.add-mappings", "false",
                    // The engine's gRPC gateway takes messages up to 4 MB.
                    "spring.servlet.multipart.max-file-size", "4MB",
                    "spring.servlet.multipart.max-request-size", "4MB")));
    return environment;
  }

  private static void ensurePortIsFree(String address, int port) {
    if (port == 0) {
      return;
    }
    try (var socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
    } catch (IOException e) {
      throw new RestPortInUseException(port, e);
    }
  }

  public int port() {
    return context.getWebServer().getPort();
  }

  /** The base address for {@code camunda.client.rest-address}. */
  public String restAddress() {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
  }

  /** How many scans of the process definitions have started (searches without a cursor). */
  public long definitionScans() {
    return context.getBean("definitionScans", AtomicLong.class).get();
  }

  @Override
  public void close() {
    if (context.isActive()) {
      ((ConfigurableApplicationContext) context).close();
      LOG.info("Local Orchestration Cluster REST API stopped");
    }
  }
}
