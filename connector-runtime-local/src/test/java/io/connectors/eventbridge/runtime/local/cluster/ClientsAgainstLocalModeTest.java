package io.connectors.eventbridge.runtime.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.eventbridge.runtime.support.CompletedInstance;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Local mode with the clients its users have: {@code @camunda8/sdk} over REST (the Orchestration
 * Cluster API client, against the stand-in cluster) and over gRPC (its Zeebe client), and {@code
 * zbctl}. {@code tools/api-check/run.sh} installs them from its lock file and runs {@code
 * check.mjs}; this test asserts that the instances they created completed in the engine.
 */
@LocalRuntimeTest
class ClientsAgainstLocalModeTest {

  /** The process of {@code tools/api-check/api-check.bpmn}; no other test deploys it. */
  private static final String PROCESS_ID = "api-check-clients";

  /** Includes {@code npm ci}, which downloads the clients on a fresh checkout. */
  private static final Duration SCRIPT_DEADLINE = Duration.ofMinutes(5);

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired LocalRuntime runtime;

  @Test
  void sdkOverRestAndGrpcAndZbctlDeployStartAndCorrelate() throws Exception {
    requireNode();
    Path root = Path.of("..").toAbsolutePath().normalize();
    Path logs = Files.createDirectories(Path.of("target", "api-check"));
    Path stdout = logs.resolve("stdout.txt");
    Path stderr = logs.resolve("stderr.txt");
    long before = runtime.instancesOf(PROCESS_ID);

    Process script =
        new ProcessBuilder(
                "bash",
                "tools/api-check/run.sh",
                runtime.grpcAddress().toString(),
                runtime.restAddress().toString(),
                "tools/api-check/api-check.bpmn")
            .directory(root.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!script.waitFor(SCRIPT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      script.descendants().forEach(ProcessHandle::destroyForcibly);
      script.destroyForcibly();
      fail(
          "tools/api-check/run.sh did not finish within %s%n%s",
          SCRIPT_DEADLINE, output(stdout, stderr));
    }
    assertThat(script.exitValue())
        .as("exit code of tools/api-check/run.sh%n%s", output(stdout, stderr))
        .isZero();

    JsonNode result = lastJsonLine(stdout, stderr);
    assertThat(result.path("ok").asBoolean()).as("%s", result).isTrue();

    for (String client : List.of("rest", "grpc", "zbctl")) {
      long key = Long.parseLong(result.path(client).path("processInstanceKey").asText());
      CompletedInstance done = runtime.awaitCompleted(key, TIMEOUT);
      assertThat(done.bpmnProcessId()).as(client).isEqualTo(PROCESS_ID);
      assertThat(done.variables())
          .as("variables of the instance created over %s", client)
          .containsEntry("checkId", client + "-" + result.path("run").asText())
          .containsEntry("correlatedVia", client);
    }
    assertThat(runtime.instancesOf(PROCESS_ID) - before).isEqualTo(3);
    assertThat(result.path("rest").path("processDefinitionId").asText()).isEqualTo(PROCESS_ID);
  }

  private static void requireNode() {
    Optional<Path> node =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .filter(dir -> !dir.isBlank())
            .map(dir -> Path.of(dir, "node"))
            .filter(Files::isExecutable)
            .findFirst();
    if (node.isEmpty()) {
      fail(
          "Node.js (node, with npm) is not on the PATH; this test runs tools/api-check/run.sh,"
              + " which needs it to install and run @camunda8/sdk and zbctl. PATH="
              + System.getenv("PATH"));
    }
  }

  private static JsonNode lastJsonLine(Path stdout, Path stderr) throws IOException {
    List<String> lines =
        Files.readAllLines(stdout).stream().filter(l -> l.startsWith("{")).toList();
    if (lines.isEmpty()) {
      fail("tools/api-check/run.sh printed no JSON result%n%s", output(stdout, stderr));
    }
    return JSON.readTree(lines.get(lines.size() - 1));
  }

  private static String output(Path stdout, Path stderr) {
    try {
      return "stdout: " + Files.readString(stdout) + "\nstderr: " + Files.readString(stderr);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }
}
