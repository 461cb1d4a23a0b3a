package io.connectors.eventbridge.runtime.local.engine;

import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.camunda.zeebe.protocol.record.ValueType;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory Zeebe engine of local mode, with a real gRPC gateway on a fixed port, so that
 * Desktop Modeler, zbctl and the Camunda clients can deploy and run processes on it. The gateway
 * listens on one address, by default this machine's loopback only.
 */
public final class EmbeddedZeebeEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZeebeEngine.class);

  private final ZeebeTestEngine engine;
  private final Optional<RocksDbEngineState> state;
  private final String host;
  private final int port;
  private final GuardedRecordStream records;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedZeebeEngine(
      ZeebeTestEngine engine, Optional<RocksDbEngineState> state, String host, int port) {
    this.engine = engine;
    this.state = state;
    this.host = host;
    this.port = port;
    this.records = new GuardedRecordStream(engine.getRecordStreamSource());
  }

  /**
   * Starts an engine whose gateway listens on {@code address} (an IP address or host name, e.g.
   * {@code 127.0.0.1}, or {@code 0.0.0.0} for all interfaces) and {@code port}, or a free port when
   * it is 0.
   *
   * @throws GrpcPortInUseException when the port is taken
   */
  public static EmbeddedZeebeEngine start(String address, int port) {
    int effectivePort = port == 0 ? findFreePort() : port;
    // The engine factory builds its scheduler and database before it binds the port, and a
    // failed bind leaves them running; checking first keeps a port clash cheap and clean.
    ensurePortIsFree(effectivePort);
    InetAddress bind = resolve(address);
    // What a client connects to: the address, or this machine's loopback for a wildcard.
    String host = bind.isAnyLocalAddress() ? "127.0.0.1" : address;
    ZeebeTestEngine engine = EngineFactory.create(effectivePort);
    Optional<RocksDbEngineState> state = Optional.empty();
    try {
      state = RocksDbEngineState.install(engine);
      bindGateway(engine, bind, effectivePort, host);
      engine.start();
    } catch (RuntimeException e) {
      stopQuietly(engine, state);
      if (hasCause(e, BindException.class)) {
        throw new GrpcPortInUseException(effectivePort, e);
      }
      throw e;
    }
    LOG.info(
        "Embedded Zeebe engine started, state in {}, gRPC gateway on {}:{}",
        state.isPresent() ? "RocksDB" : "memory",
        address,
        effectivePort);
    return new EmbeddedZeebeEngine(engine, state, host, effectivePort);
  }

  /** Starts an engine whose gateway listens on this machine's loopback only (see above). */
  public static EmbeddedZeebeEngine start(int port) {
    return start("127.0.0.1", port);
  }

  /**
   * Replaces the engine's gRPC server, which would listen on all interfaces and report the host
   * 0.0.0.0 in its topology, by one on {@code address} that reports {@code host}. The engine does
   * not expose its server, so the private field is replaced before the engine starts; this is tied
   * to zeebe-process-test-engine 8.8 and checked by the runtime's tests.
   */
  private static void bindGateway(
      ZeebeTestEngine engine, InetAddress address, int port, String host) {
    try {
      Field gatewayField = engine.getClass().getDeclaredField("gateway");
      Field serverField = engine.getClass().getDeclaredField("grpcServer");
      gatewayField.setAccessible(true);
      serverField.setAccessible(true);
      var gateway = (BindableService) gatewayField.get(engine);
      Server server =
          NettyServerBuilder.forAddress(new InetSocketAddress(address, port))
              .addService(
                  ServerInterceptors.intercept(gateway, new AdvertisedHostInterceptor(host)))
              .build();
      serverField.set(engine, server);
    } catch (ReflectiveOperationException
        | InaccessibleObjectException
        | SecurityException
        | ClassCastException e) {
      // The gateway is unauthenticated: never fall back to all interfaces unless that was asked.
      if (!address.isAnyLocalAddress()) {
        throw new IllegalStateException(
            "Cannot bind the in-memory engine's gRPC gateway to "
                + host
                + " on this zeebe-process-test-engine version; set "
                + "eventbridge.local.bind-address=0.0.0.0 to accept all interfaces",
            e);
      }
      LOG.warn("gRPC gateway on all interfaces, as configured ({})", e.toString());
    }
  }

  private static InetAddress resolve(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("Unknown address for the gRPC gateway: " + address, e);
    }
  }

  public int port() {
    return port;
  }

  /** The gateway address in the form {@code camunda.client.grpc-address} expects. */
  public String grpcAddress() {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * A new incremental reader of the engine's committed events, for one consumer that polls.
   *
   * <p>It reads the engine's log directly when it can. The engine does not expose its log, so it is
   * taken from the engine's private field; this is tied to zeebe-process-test-engine 8.8 and
   * checked by the runtime's tests. If the field is gone, the reader falls back to the public
   * record stream, which works but keeps every record in memory, and says so once in the log.
   */
  public EngineEvents newEventReader(Set<ValueType> valueTypes) {
    Optional<LogStream> logStream = logStreamOf(engine);
    if (logStream.isPresent() && LogStreamEvents.canDecode(valueTypes)) {
      return new LogStreamEvents(logStream.get());
    }
    LOG.warn(
        "Reading the in-memory engine's events through its record stream, which keeps every"
            + " record in memory: expect the heap to grow with each process instance");
    return new RecordStreamEvents(records);
  }

  /** Whether event readers read the engine's log directly (see {@link #newEventReader}). */
  public boolean readsLogDirectly() {
    return logStreamOf(engine).isPresent();
  }

  private static Optional<LogStream> logStreamOf(ZeebeTestEngine engine) {
    return PrivateFields.read(engine, "logStream", LogStream.class);
  }

  /** Whether the engine keeps its state in RocksDB (see {@link RocksDbEngineState}). */
  public boolean keepsStateInRocksDb() {
    return state.isPresent();
  }

  /** The engine's record stream; read it only through this guard. */
  public GuardedRecordStream records() {
    return records;
  }

  /**
   * The underlying engine, for tests that move its clock or wait for it to be idle. Read its
   * records through {@link #records()}, never through the engine's own record stream source.
   */
  public ZeebeTestEngine engine() {
    return engine;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      stopQuietly(engine, state);
      LOG.info("Embedded Zeebe engine stopped, port {} released", port);
    }
  }

  /**
   * Stops the engine, then closes its state: only once the engine has stopped, since its stream
   * processor writes the state until then and closing RocksDB under it would crash the JVM. An
   * engine that did not stop keeps its state until the JVM exits.
   */
  private static void stopQuietly(ZeebeTestEngine engine, Optional<RocksDbEngineState> state) {
    try {
      engine.stop();
    } catch (RuntimeException e) {
      // Shutting down: report and carry on, so the rest of the context still closes.
      LOG.warn("Embedded Zeebe engine did not stop cleanly: {}", e.toString());
      return;
    }
    state.ifPresent(RocksDbEngineState::close);
  }

  private static void ensurePortIsFree(int port) {
    try (var socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
    } catch (IOException e) {
      throw new GrpcPortInUseException(port, e);
    }
  }

  private static int findFreePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free port for the in-memory engine's gateway", e);
    }
  }

  private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
