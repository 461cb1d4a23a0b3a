package io.connectors.eventbridge.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Python virtual environment with botocore 1.43.107 (the first with the Custom Event Bus model),
 * which {@code tools/custombus-wire/botocore-venv.sh} makes from the machine's local wheel index,
 * and runs Python scripts in it. Making it is part of the tests that use it: when it cannot be
 * made, they fail and say why; they never skip.
 */
public final class BotocoreVenv {

  /** Includes making the virtual environment from local wheels on a clean build. */
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  private final Path root;
  private final Path venv;

  /**
   * @param root the repository's root directory (the one holding {@code tools/})
   * @param venv where the virtual environment is made, or found when it was made before
   */
  public BotocoreVenv(Path root, Path venv) {
    this.root = root.toAbsolutePath().normalize();
    this.venv = venv.toAbsolutePath();
  }

  /** The repository's {@code tools/custombus-wire}. */
  public Path tools() {
    return root.resolve("tools/custombus-wire");
  }

  /** Runs {@code script} with the environment's Python, {@code stdin} as its input; its output. */
  public String runPython(Path script, String stdin) {
    String python =
        run(List.of("bash", tools().resolve("botocore-venv.sh").toString(), venv.toString()), null)
            .strip();
    return run(List.of(python, script.toString()), stdin);
  }

  private String run(List<String> command, String stdin) {
    try {
      Path out = Files.createTempFile("botocore", ".out");
      Path err = Files.createTempFile("botocore", ".err");
      try {
        Process process =
            new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try (var in = process.getOutputStream()) {
          if (stdin != null) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
          }
        }
        if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new AssertionError(command + " did not finish within " + DEADLINE);
        }
        if (process.exitValue() != 0) {
          throw new AssertionError(
              "%s failed with exit code %d; botocore is needed to prove the wire format:%n%s"
                  .formatted(command, process.exitValue(), Files.readString(err)));
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
