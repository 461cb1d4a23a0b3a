package io.connectors.eventbridge.runtime.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The production runtime's own artifact ({@code connector-runtime-<version>-exec.jar}), started as
 * a separate process and configured only through environment variables, as a platform engineer runs
 * it.
 */
public final class ProductionRuntimeProcess implements AutoCloseable {

  /** Set by the build (surefire) to the production jar of this reactor. */
  public static final String JAR_PROPERTY = "eventbridge.production-jar";

  /** The 8.8 runtime's override of a connector's job timeout (ms), by its normalised name. */
  public static final String PUT_EVENTS_TIMEOUT = "CONNECTOR_AMAZON_EVENTBRIDGE_PUT_EVENTS_TIMEOUT";

  /** The 8.8 runtime's override of a connector's job type. */
  public static final String PUT_EVENTS_TYPE = "CONNECTOR_AMAZON_EVENTBRIDGE_PUT_EVENTS_TYPE";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final URI baseUrl;
  private final Path log;
  private final Map<String, String> environment;
  private final int port;

  /**
   * Kills the replica when the test JVM exits before the test closed it (Maven stopping the fork, a
   * timeout): without it the replica outlives the build, holds its port and its CPU, and is still
   * working jobs of the next run's engine if it reuses the address.
   */
  private final Thread orphanGuard;

  private ProductionRuntimeProcess(
      String name,
      Process process,
      URI baseUrl,
      Path log,
      Map<String, String> environment,
      int port) {
    this.name = name;
    this.process = process;
    this.baseUrl = baseUrl;
    this.log = log;
    this.environment = Map.copyOf(environment);
    this.port = port;
    this.orphanGuard = new Thread(process::destroyForcibly, "kill-orphaned-" + name);
    Runtime.getRuntime().addShutdownHook(orphanGuard);
  }

  /**
   * What every replica of the tests is given, as a platform engineer configures one: the cluster's
   * addresses ({@code CAMUNDA_CLIENT_*}) and the secrets its tasks name ({@code REPLICA_SECRET_*}:
   * the EventBridge endpoint and test credentials). A mutable copy, for each test's additions.
   */
  public static Map<String, String> environment(LocalRuntime runtime, URI eventBridgeEndpoint) {
    var environment = new HashMap<String, String>();
    environment.put("CAMUNDA_CLIENT_MODE", "self-managed");
    environment.put("CAMUNDA_CLIENT_GRPCADDRESS", runtime.grpcAddress().toString());
    environment.put("CAMUNDA_CLIENT_RESTADDRESS", runtime.restAddress().toString());
    environment.put("CAMUNDA_CONNECTOR_SECRETPROVIDER_ENVIRONMENT_PREFIX", "REPLICA_SECRET_");
    environment.put("REPLICA_SECRET_EVENTBRIDGE_ENDPOINT", eventBridgeEndpoint.toString());
    environment.put("REPLICA_SECRET_AWS_ACCESS_KEY", "replica-key");
    environment.put("REPLICA_SECRET_AWS_SECRET_KEY", "replica-secret");
    environment.put("REPLICA_SECRET_AWS_REGION", "us-east-1");
    return environment;
  }

  /**
   * Starts a replica with {@code environment} (CAMUNDA_CLIENT_*, secrets) on a free HTTP port and
   * waits until its readiness is UP.
   */
  public static ProductionRuntimeProcess start(
      String name, Map<String, String> environment, Duration timeout) {
    var replica = launch(name, environment);
    try {
      replica.awaitReady(timeout);
    } catch (RuntimeException | AssertionError e) {
      replica.close();
      throw e;
    }
    return replica;
  }

  /**
   * Starts a replica as {@link #start} does but returns at once, before its port is open, so a test
   * can watch what it answers while it starts.
   */
  public static ProductionRuntimeProcess launch(String name, Map<String, String> environment) {
    try {
      return launch(name, environment, freePort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ProductionRuntimeProcess launch(
      String name, Map<String, String> environment, int port) {
    Path jar = Path.of(System.getProperty(JAR_PROPERTY, "missing"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "The production jar is not built: "
              + jar
              + " (run the build from the repository root, e.g. mvn verify)");
    }
    try {
      Path log =
          Files.createDirectories(Path.of("target", "production-runtime")).resolve(name + ".log");
      List<String> command = new ArrayList<>();
      // The test JVM is the toolchain's JDK 21+, which the runtime needs too.
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.add("-Xmx384m");
      command.add("-jar");
      command.add(jar.toAbsolutePath().toString());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              // A restarted replica appends to the log of the one it replaces.
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      // Configured by the caller only, not by whatever Camunda settings the build machine has.
      builder
          .environment()
          .keySet()
          .removeIf(key -> key.startsWith("CAMUNDA_") || key.startsWith("ZEEBE_"));
      builder.environment().putAll(environment);
      builder.environment().put("SERVER_PORT", String.valueOf(port));
      builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
      return new ProductionRuntimeProcess(
          name, builder.start(), URI.create("http://127.0.0.1:" + port), log, environment, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void awaitReady(Duration timeout) {
    Await.until(
        name + " to report ready (log: " + log + ")",
        timeout,
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log);
          }
          return get("/actuator/health/readiness")
              .filter(response -> response.statusCode() == 200)
              .map(response -> true);
        });
  }

  /**
   * Starts this replica's successor with the same name, environment and port, as a container
   * platform restarts a container, so a load balancer's address for it stays valid. Call it once
   * this process has exited ({@link #kill()}, {@link #close()}); returns at once, before the port
   * is open (see {@link #awaitReady}).
   */
  public ProductionRuntimeProcess restart() {
    if (process.isAlive()) {
      throw new IllegalStateException(name + " is still running; stop it before restarting it");
    }
    return launch(name, environment, port);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public URI baseUrl() {
    return baseUrl;
  }

  public URI webhookUrl(String webhookId) {
    return baseUrl.resolve("/inbound/" + webhookId);
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  /**
   * Waits until the replica's {@code GET /inbound} lists {@code bpmnProcessId} with {@code status}.
   */
  public JsonNode awaitInboundHealth(String bpmnProcessId, String status, Duration timeout) {
    return Await.until(
        name + " to report the inbound connector of '" + bpmnProcessId + "' " + status,
        timeout,
        () ->
            RuntimeProbe.inboundHealth(baseUrl, bpmnProcessId)
                .filter(health -> status.equals(health.path("status").asText())));
  }

  /**
   * The sum of a metric's samples with all of {@code labels}, from the replica's Prometheus page.
   */
  public double metric(String metric, String... labels) {
    return RuntimeProbe.metric(baseUrl, metric, labels);
  }

  public Optional<HttpResponse<String>> get(String path) {
    try {
      return Optional.of(
          HTTP.send(
              HttpRequest.newBuilder(baseUrl.resolve(path))
                  .timeout(Duration.ofSeconds(5))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Stops the replica as a container platform does: SIGTERM, then a graceful shutdown. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    releaseOrphanGuard();
  }

  /**
   * Kills the replica as a crash or the kernel's OOM killer does: SIGKILL, no shutdown at all. Its
   * open connections are reset and its activated jobs stay with it until their timeout.
   */
  public void kill() {
    try {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    releaseOrphanGuard();
  }

  private void releaseOrphanGuard() {
    if (process.isAlive()) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(orphanGuard);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is exiting: the hook runs and finds the process gone.
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
