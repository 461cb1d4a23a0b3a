package io.connectors.eventbridge.outbound.custombus;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * botocore 1.43.107 as the reference for the Custom Event Bus wire format: runs {@code
 * tools/custombus-wire/botocore_oracle.py} in a virtual environment that {@code botocore-venv.sh}
 * makes from the machine's local wheel index. Making it is part of the test: when it cannot be
 * made, the test fails and says why; it never skips.
 */
final class Botocore {

  static final ObjectMapper JSON = new ObjectMapper();

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path TOOLS = ROOT.resolve("tools/custombus-wire");
  private static final Path VENV = Path.of("target", "botocore-venv").toAbsolutePath();

  /** Includes making the virtual environment from local wheels on a clean build. */
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  private Botocore() {}

  static ObjectNode command(String op) {
    return JSON.createObjectNode().put("op", op);
  }

  /** Runs the commands in one interpreter; one answer per command, in order. */
  static List<JsonNode> run(List<ObjectNode> commands) {
    String python =
        run(List.of("bash", TOOLS.resolve("botocore-venv.sh").toString(), VENV.toString()), null)
            .strip();
    ArrayNode input = JSON.createArrayNode().addAll(commands);
    String output =
        run(List.of(python, TOOLS.resolve("botocore_oracle.py").toString()), input.toString());
    try {
      List<JsonNode> answers = new ArrayList<>();
      JSON.readTree(output).forEach(answers::add);
      return answers;
    } catch (IOException e) {
      throw new AssertionError("botocore_oracle.py printed no JSON: " + output, e);
    }
  }

  static JsonNode run(ObjectNode command) {
    return run(List.of(command)).get(0);
  }

  private static String run(List<String> command, String stdin) {
    try {
      Path out = Files.createTempFile("botocore", ".out");
      Path err = Files.createTempFile("botocore", ".err");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
          if (stdin != null) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
          }
        }
        if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          fail("%s did not finish within %s", command, DEADLINE);
        }
        if (process.exitValue() != 0) {
          fail(
              "%s failed with exit code %d; botocore is needed to prove the wire format:%n%s",
              command, process.exitValue(), Files.readString(err));
        }
        return Files.readString(out);
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }
}
