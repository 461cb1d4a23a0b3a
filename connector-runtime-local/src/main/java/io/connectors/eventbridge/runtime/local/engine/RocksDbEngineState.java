package io.connectors.eventbridge.runtime.local.engine;

import io.camunda.zeebe.db.AccessMetricsConfiguration;
import io.camunda.zeebe.db.ConsistencyChecksSettings;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.rocksdb.RocksDbConfiguration;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's state in Zeebe's own RocksDB store, the one a broker keeps its partitions in, in a
 * temporary directory that lives as long as the engine.
 *
 * <p>zeebe-process-test's in-memory store copies its whole content for every iterator it opens, and
 * ordinary commands open iterators (thread dumps caught them under an element's completion, an end
 * event's output mappings and a timer's unsubscription), so each command costs in proportion to all
 * the state the engine holds. Local mode keeps messages for their time to live (an hour, for the
 * fleet's webhook) and runs for hours, so its engine slowed down as state grew, until one webhook
 * request's round trip to the engine took seconds (docs/benchmarks.md, "Fleet"). RocksDB seeks in
 * sorted, indexed data and copies nothing to iterate.
 *
 * <p>The engine factory builds its stream processor on the in-memory store and exposes neither, so
 * the store is put into the stream processor's private field before the engine starts; this is tied
 * to zeebe-process-test-engine 8.8 and checked by local mode's tests. If that is not possible, the
 * engine keeps the in-memory store and the log says so once.
 */
final class RocksDbEngineState implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RocksDbEngineState.class);

  /**
   * Block cache and write buffers together. A broker gives each partition 512 MiB; a developer's
   * laptop running one partition for a handful of processes needs far less.
   */
  private static final long MEMORY_LIMIT_BYTES = 64L * 1024 * 1024;

  private final Path directory;
  private final ZeebeDb<ZbColumnFamilies> database;

  private RocksDbEngineState(Path directory, ZeebeDb<ZbColumnFamilies> database) {
    this.directory = directory;
    this.database = database;
  }

  /**
   * Opens a RocksDB store in a new temporary directory and gives it to {@code engine}, which must
   * not have started yet. Empty when the engine's stream processor cannot be reached; the engine
   * then keeps its in-memory store.
   */
  static Optional<RocksDbEngineState> install(ZeebeTestEngine engine) {
    Optional<Field> storeField = streamProcessorStore();
    Optional<StreamProcessor> streamProcessor = streamProcessorOf(engine);
    if (storeField.isEmpty() || streamProcessor.isEmpty()) {
      LOG.warn(
          "The in-memory engine keeps its state in zeebe-process-test's in-memory store, where"
              + " every command slows down as state grows: expect long sessions to get slower");
      return Optional.empty();
    }
    RocksDbEngineState state = open();
    try {
      storeField.get().set(streamProcessor.get(), state.database);
    } catch (IllegalAccessException | IllegalArgumentException e) {
      state.close();
      LOG.warn("The in-memory engine keeps its in-memory store ({})", e.toString());
      return Optional.empty();
    }
    return Optional.of(state);
  }

  private static RocksDbEngineState open() {
    Path directory;
    try {
      directory = Files.createTempDirectory("eventbridge-local-engine-state");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a directory for the engine's state", e);
    }
    var factory =
        new ZeebeRocksDbFactory<ZbColumnFamilies>(
            new RocksDbConfiguration().setMemoryLimit(MEMORY_LIMIT_BYTES),
            // A broker's defaults: checks that cost a lookup per write are for Zeebe's own tests.
            new ConsistencyChecksSettings(false, false),
            new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, 1),
            SimpleMeterRegistry::new);
    try {
      return new RocksDbEngineState(directory, factory.createDb(directory.toFile()));
    } catch (RuntimeException e) {
      deleteQuietly(directory);
      throw e;
    }
  }

  private static Optional<Field> streamProcessorStore() {
    try {
      Field field = StreamProcessor.class.getDeclaredField("zeebeDb");
      field.setAccessible(true);
      return Optional.of(field);
    } catch (ReflectiveOperationException | InaccessibleObjectException | SecurityException e) {
      return Optional.empty();
    }
  }

  private static Optional<StreamProcessor> streamProcessorOf(ZeebeTestEngine engine) {
    try {
      Field field = engine.getClass().getDeclaredField("streamProcessor");
      field.setAccessible(true);
      return field.get(engine) instanceof StreamProcessor processor
          ? Optional.of(processor)
          : Optional.empty();
    } catch (ReflectiveOperationException | InaccessibleObjectException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** Closes the store and deletes its directory; call it after the engine has stopped. */
  @Override
  public void close() {
    try {
      database.close();
    } catch (Exception e) {
      // Shutting down: report and carry on, so the directory is still deleted.
      LOG.warn("The engine's RocksDB state did not close cleanly: {}", e.toString());
    }
    deleteQuietly(directory);
  }

  private static void deleteQuietly(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not delete the engine's state directory {}: {}", directory, e.toString());
    }
  }
}
