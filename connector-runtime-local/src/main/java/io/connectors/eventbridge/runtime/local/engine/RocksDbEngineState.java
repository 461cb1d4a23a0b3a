package io.connectors.eventbridge.runtime.local.engine;

import io.camunda.zeebe.db.AccessMetricsConfiguration;
import io.camunda.zeebe.db.ConsistencyChecksSettings;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.rocksdb.RocksDbConfiguration;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory.SharedRocksDbResources;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
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
 * to zeebe-process-test-engine 8.8 and checked by local mode's tests. If that is not possible, or
 * RocksDB cannot open, the engine keeps the in-memory store and the log says so once.
 */
final class RocksDbEngineState implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RocksDbEngineState.class);

  /**
   * Block cache and write buffers together. A broker gives each partition 512 MiB; a developer's
   * laptop running one partition for a handful of processes needs far less.
   */
  private static final long MEMORY_LIMIT_BYTES = 64L * 1024 * 1024;

  private final Path directory;
  private final SharedRocksDbResources resources;
  private final ZeebeDb<ZbColumnFamilies> database;

  private RocksDbEngineState(
      Path directory, SharedRocksDbResources resources, ZeebeDb<ZbColumnFamilies> database) {
    this.directory = directory;
    this.resources = resources;
    this.database = database;
  }

  /**
   * Opens a RocksDB store in a new temporary directory and gives it to {@code engine}, which must
   * not have started yet. Empty when the engine's stream processor cannot be reached; the engine
   * then keeps its in-memory store.
   */
  static Optional<RocksDbEngineState> install(ZeebeTestEngine engine) {
    Optional<Field> storeField = PrivateFields.find(StreamProcessor.class, "zeebeDb");
    Optional<StreamProcessor> streamProcessor =
        PrivateFields.read(engine, "streamProcessor", StreamProcessor.class);
    if (storeField.isEmpty() || streamProcessor.isEmpty()) {
      LOG.warn(
          "The in-memory engine keeps its state in zeebe-process-test's in-memory store, where"
              + " every command slows down as state grows: expect long sessions to get slower");
      return Optional.empty();
    }
    RocksDbEngineState state;
    try {
      state = open();
    } catch (IOException | RuntimeException | LinkageError e) {
      // No temporary directory, or RocksDB's native library cannot load on this platform.
      LOG.warn(
          "The in-memory engine keeps its in-memory store: no RocksDB store ({})", e.toString());
      return Optional.empty();
    }
    try {
      storeField.get().set(streamProcessor.get(), state.database);
    } catch (IllegalAccessException | IllegalArgumentException e) {
      state.close();
      LOG.warn("The in-memory engine keeps its in-memory store ({})", e.toString());
      return Optional.empty();
    }
    return Optional.of(state);
  }

  private static RocksDbEngineState open() throws IOException {
    Path directory = Files.createTempDirectory("eventbridge-local-engine-state");
    SharedRocksDbResources resources = null;
    try {
      // Allocated here, not by the factory, so that close() can free them: closing the database
      // does not.
      resources = SharedRocksDbResources.allocate(MEMORY_LIMIT_BYTES);
      var factory =
          new ZeebeRocksDbFactory<ZbColumnFamilies>(
              new RocksDbConfiguration().setMemoryLimit(MEMORY_LIMIT_BYTES),
              // A broker's defaults: checks that cost a lookup per write are for Zeebe's tests.
              new ConsistencyChecksSettings(false, false),
              new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, 1),
              SimpleMeterRegistry::new,
              resources,
              1);
      return new RocksDbEngineState(directory, resources, factory.createDb(directory.toFile()));
    } catch (RuntimeException | LinkageError e) {
      if (resources != null) {
        resources.close();
      }
      deleteQuietly(directory);
      throw e;
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
    resources.close();
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
