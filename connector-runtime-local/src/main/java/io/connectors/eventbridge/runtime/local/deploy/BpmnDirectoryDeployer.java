package io.connectors.eventbridge.runtime.local.deploy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.DeploymentEvent;
import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Deploys every {@code *.bpmn} file of the local-mode folders to the embedded engine at start-up,
 * then again whenever a file is added or changed.
 *
 * <p>Each file is its own deployment, so one broken file is reported in a single log line and does
 * not keep the others out. It deploys through the same gRPC API as Desktop Modeler, so the
 * connector runtime discovers these processes exactly like any other deployment.
 *
 * <p>A file the engine rejects is reported at once. Anything else (the engine still starting, a
 * busy machine that lets the call time out) is retried with backoff for a while: deploying the same
 * bytes again is harmless, because the engine answers an unchanged resource with the version it
 * already has, so a call that timed out after the engine had deployed it does not leave a false
 * failure in the banner.
 */
public final class BpmnDirectoryDeployer implements ApplicationRunner, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(BpmnDirectoryDeployer.class);
  private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration FIRST_RETRY = Duration.ofMillis(250);
  private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);

  /** Answers that are about the file itself: sending it again cannot help. */
  private static final Set<Status.Code> REJECTIONS =
      EnumSet.of(
          Status.Code.INVALID_ARGUMENT,
          Status.Code.ALREADY_EXISTS,
          Status.Code.NOT_FOUND,
          Status.Code.FAILED_PRECONDITION,
          Status.Code.PERMISSION_DENIED,
          Status.Code.UNAUTHENTICATED,
          Status.Code.UNIMPLEMENTED);

  private final CamundaClient client;
  private final List<Path> directories;
  private final Duration scanInterval;
  private final Duration retryWindow;
  private final Map<Path, FileVersion> attempted = new HashMap<>();
  private final List<DeployOutcome> outcomes = new CopyOnWriteArrayList<>();
  private final AtomicInteger retries = new AtomicInteger();
  private ScheduledExecutorService scanner;

  public BpmnDirectoryDeployer(
      CamundaClient client, List<Path> directories, Duration scanInterval) {
    this(client, directories, scanInterval, Duration.ofMinutes(2));
  }

  /**
   * @param retryWindow how long a file is retried while the engine is unreachable or too slow to
   *     answer, before it is reported as not deployed
   */
  public BpmnDirectoryDeployer(
      CamundaClient client, List<Path> directories, Duration scanInterval, Duration retryWindow) {
    this.client = client;
    this.directories = List.copyOf(directories);
    this.scanInterval = scanInterval;
    this.retryWindow = retryWindow;
  }

  /** The result of deploying one file. */
  public record DeployOutcome(
      Path file, boolean deployed, List<String> bpmnProcessIds, String error) {}

  /**
   * The content of a file at its last deployment attempt. Comparing content, not size and
   * modification time, means a file caught half-written is attempted again only once it really
   * changes, instead of twice with the same bytes.
   */
  private record FileVersion(int length, int contentHash) {
    static FileVersion of(byte[] content) {
      return new FileVersion(content.length, Arrays.hashCode(content));
    }
  }

  @Override
  public void run(ApplicationArguments args) {
    if (directories.isEmpty()) {
      LOG.info("No BPMN folders to deploy in local mode");
    }
    scan();
    if (!scanInterval.isZero() && !scanInterval.isNegative() && !directories.isEmpty()) {
      scanner =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().daemon().name("local-bpmn-deployer").factory());
      long millis = scanInterval.toMillis();
      scanner.scheduleWithFixedDelay(this::scanSafely, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  /** Every deployment attempt so far, in order. */
  public List<DeployOutcome> outcomes() {
    return List.copyOf(outcomes);
  }

  public List<Path> directories() {
    return directories;
  }

  /** Deploys the new and changed files of all folders. */
  public synchronized void scan() {
    for (Path directory : directories) {
      for (Path file : bpmnFiles(directory)) {
        byte[] content = read(file);
        if (content == null) {
          continue;
        }
        FileVersion version = FileVersion.of(content);
        if (!version.equals(attempted.get(file))) {
          attempted.put(file, version);
          outcomes.add(deploy(file, content));
        }
      }
    }
  }

  private void scanSafely() {
    try {
      scan();
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again; keep watching the folders.
      LOG.warn("Scan of the local BPMN folders failed: {}", e.toString());
    }
  }

  private DeployOutcome deploy(Path file, byte[] bpmn) {
    Instant giveUp = Instant.now().plus(retryWindow);
    Duration wait = FIRST_RETRY;
    while (true) {
      try {
        DeploymentEvent deployment =
            client
                .newDeployResourceCommand()
                .addResourceBytes(bpmn, file.getFileName().toString())
                .send()
                .join(DEPLOY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        var ids = deployment.getProcesses().stream().map(p -> p.getBpmnProcessId()).toList();
        LOG.info("Deployed {} (process {})", file, String.join(", ", ids));
        return new DeployOutcome(file, true, ids, null);
      } catch (ClientException e) {
        // One line per broken file: the engine's message lists every problem, across lines.
        String reason = oneLine(e.getMessage() == null ? e.toString() : e.getMessage());
        if (isRejection(e) || Instant.now().plus(wait).isAfter(giveUp)) {
          LOG.warn("Not deployed: {}: {}", file, reason);
          return new DeployOutcome(file, false, List.of(), reason);
        }
        retries.incrementAndGet();
        LOG.info(
            "Engine not ready for {} ({}); trying again in {} ms", file, reason, wait.toMillis());
        if (!pause(wait)) {
          return new DeployOutcome(file, false, List.of(), "interrupted: " + reason);
        }
        wait =
            wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0
                ? LONGEST_RETRY
                : wait.multipliedBy(2);
      }
    }
  }

  private static boolean isRejection(ClientException e) {
    return e instanceof ClientStatusException status && REJECTIONS.contains(status.getStatusCode());
  }

  /** Waits before the next attempt; false when the runtime is shutting down. */
  private static boolean pause(Duration wait) {
    try {
      Thread.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** How many deployment attempts were repeated because the engine was not ready. */
  public int retries() {
    return retries.get();
  }

  private static List<Path> bpmnFiles(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().endsWith(".bpmn"))
          .sorted()
          .toList();
    } catch (IOException e) {
      LOG.warn("Cannot list {}: {}", directory, e.toString());
      return new ArrayList<>();
    }
  }

  /** The file's bytes, or null when it vanished or cannot be read (it is tried again next scan). */
  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      LOG.warn("Cannot read {}: {}", file, e.toString());
      return null;
    }
  }

  static String oneLine(String message) {
    return message.replaceAll("\\s+", " ").trim();
  }

  @Override
  public void destroy() {
    if (scanner != null) {
      scanner.shutdownNow();
    }
  }
}
