package io.connectors.eventbridge.runtime.local.deploy;

import io.connectors.eventbridge.runtime.local.LocalModeProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Resolves the folders local mode deploys from. */
public final class DeployDirectories {

  private DeployDirectories() {}

  /**
   * The examples folder, if it exists, and the extra deploy folders, resolved against {@code
   * workingDirectory}. A relative path that is not found there is looked up in the parent as well,
   * so that {@code bpmn-examples} is found whether the runtime was started from the repository root
   * or from {@code connector-runtime-local/}.
   */
  public static List<Path> resolve(LocalModeProperties properties, Path workingDirectory) {
    var resolved = new LinkedHashSet<Path>();
    if (properties.examplesDir() != null && !properties.examplesDir().isBlank()) {
      find(properties.examplesDir().trim(), workingDirectory).ifPresent(resolved::add);
    }
    for (String dir : properties.deployDirs()) {
      // A deploy folder is watched even before it exists, so it can be created later.
      resolved.add(
          find(dir.trim(), workingDirectory)
              .orElseGet(() -> workingDirectory.toAbsolutePath().resolve(dir.trim()).normalize()));
    }
    return List.copyOf(resolved);
  }

  /** Finds a file or folder by the same rule, for other local-mode files such as bus rules. */
  public static Optional<Path> find(String location, Path workingDirectory) {
    Path path = Path.of(location);
    if (path.isAbsolute()) {
      return Files.exists(path) ? Optional.of(path.normalize()) : Optional.empty();
    }
    Path base = workingDirectory.toAbsolutePath().normalize();
    var searched = new ArrayList<Path>(List.of(base));
    if (base.getParent() != null) {
      searched.add(base.getParent());
    }
    for (Path dir : searched) {
      Path candidate = dir.resolve(path).normalize();
      if (Files.exists(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
