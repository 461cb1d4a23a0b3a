package io.connectors.eventbridge.runtime.local.bus;

import io.connectors.eventbridge.runtime.local.bus.rules.BusRule;
import io.connectors.eventbridge.runtime.local.bus.rules.InvalidRulesException;
import io.connectors.eventbridge.runtime.local.bus.rules.RuleBook;
import io.connectors.eventbridge.runtime.local.bus.rules.RulesFileParser;
import io.connectors.eventbridge.runtime.local.bus.rules.Subscriber;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local bus rules, read from the rules file and read again whenever it changes, so that editing
 * a rule needs no restart.
 *
 * <p>The file is read lazily, on the first event, because target URLs may use {@code
 * ${local.server.port}}, which exists only once the web server listens. A file that cannot be used
 * is reported in one log line; the bus then keeps the rules it had (none at first).
 */
public final class LocalBusRules {

  private static final Logger LOG = LoggerFactory.getLogger(LocalBusRules.class);

  private final Supplier<Optional<Path>> location;
  private final RulesFileParser parser;
  private final String configuredLocation;

  // Guarded by "this".
  private RuleBook current = RuleBook.empty();
  private Path loadedPath;
  private FileTime loadedVersion;
  private boolean loadedOnce;

  public LocalBusRules(
      String configuredLocation, Supplier<Optional<Path>> location, RulesFileParser parser) {
    this.configuredLocation = configuredLocation;
    this.location = location;
    this.parser = parser;
  }

  /** The rules now in force, reloaded first if the file changed. */
  public synchronized RuleBook current() {
    Optional<Path> path = location.get();
    if (path.isEmpty()) {
      if (!loadedOnce || loadedPath != null) {
        LOG.info(
            "Local event bus (development only): no rules file at {}, events are accepted but not"
                + " routed",
            configuredLocation);
        current = RuleBook.empty();
        loadedPath = null;
        loadedOnce = true;
      }
      return current;
    }
    FileTime version = lastModified(path.get());
    if (!loadedOnce || !path.get().equals(loadedPath) || !Objects.equals(version, loadedVersion)) {
      loadedOnce = true;
      loadedPath = path.get();
      loadedVersion = version;
      load(path.get());
    }
    return current;
  }

  private void load(Path path) {
    try {
      RuleBook book = RuleBook.of(parser.parseFile(Files.readString(path, StandardCharsets.UTF_8)));
      current = book;
      LOG.info(
          "Local event bus (development only): {} rule(s) and {} subscriber(s) from {}: {} {}",
          book.size(),
          book.subscribers().size(),
          path,
          book.rules().stream().map(BusRule::name).toList(),
          book.subscribers().stream().map(Subscriber::name).toList());
    } catch (InvalidRulesException e) {
      LOG.error("Local event bus rules file {} not used: {}", path, e.getMessage());
    } catch (IOException e) {
      LOG.error("Local event bus rules file {} cannot be read: {}", path, e.toString());
    }
  }

  private static FileTime lastModified(Path path) {
    try {
      return Files.getLastModifiedTime(path);
    } catch (IOException e) {
      return null;
    }
  }
}
