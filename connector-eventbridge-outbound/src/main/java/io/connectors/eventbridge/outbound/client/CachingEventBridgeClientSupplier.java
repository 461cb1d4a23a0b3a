package io.connectors.eventbridge.outbound.client;

import io.connectors.eventbridge.outbound.auth.AwsAuthentication;
import io.connectors.eventbridge.outbound.client.EventBridgeClientFactory.OwnedClient;
import io.connectors.eventbridge.outbound.custombus.CustomBusPutEvents;
import io.connectors.eventbridge.outbound.model.AwsConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * One SDK client per region, endpoint and credential identity, reused across jobs: building a
 * client costs milliseconds and a TLS handshake, sending an event on a warm one does not.
 *
 * <p>The cache is bounded: the least recently used client is retired when a new identity would
 * exceed the bound. Clients are leased per job and a retired client is closed only once its last
 * lease is returned, so neither eviction nor shutdown pulls a client from under a running call. All
 * clients share one HTTP connection pool.
 *
 * <p>The lock only guards the map: a missing client is built outside it by the first job that asks,
 * while jobs for the same identity wait for that one build and jobs for other identities go on.
 */
public final class CachingEventBridgeClientSupplier
    implements EventBridgeClientSupplier, AutoCloseable {

  public static final int DEFAULT_MAX_CLIENTS = 32;

  /** How long {@link #close()} waits for running calls: the SDK's own limit per call. */
  static final Duration DRAIN_TIMEOUT = EventBridgeClientFactory.API_CALL_TIMEOUT;

  private static final Logger LOG = LoggerFactory.getLogger(CachingEventBridgeClientSupplier.class);

  private final SdkHttpClient httpClient;

  /** Aborts Custom Event Bus attempts that outlive their bound; one daemon thread, mostly idle. */
  private final ScheduledExecutorService timeouts;

  private final int maxClients;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition drained = lock.newCondition();
  private final LinkedHashMap<ClientKey, CachedClient> clients =
      new LinkedHashMap<>(16, 0.75f, true);
  private final List<CachedClient> retiredInUse = new ArrayList<>();
  private boolean closed;

  /**
   * A cached client, built or being built, and how many jobs are using it right now; the counters
   * are guarded by {@link #lock}. An entry being built always has a lease (its builder's), so an
   * entry is only closed after its build ended.
   */
  private static final class CachedClient {
    final CompletableFuture<OwnedClient> owned = new CompletableFuture<>();
    int leases;
    boolean retired;
  }

  /** Builds one client; the factory by default, a stand-in in tests. */
  @FunctionalInterface
  interface ClientBuilder {
    OwnedClient build(AwsAuthentication authentication, AwsConfiguration configuration);
  }

  private final ClientBuilder builder;

  /** With the default bound, {@value #DEFAULT_MAX_CLIENTS} identities. */
  public CachingEventBridgeClientSupplier() {
    this(DEFAULT_MAX_CLIENTS);
  }

  public CachingEventBridgeClientSupplier(int maxClients) {
    this.httpClient =
        ApacheHttpClient.builder()
            .maxConnections(64)
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(30))
            .build();
    this.timeouts = newTimeoutThread();
    this.builder = new EventBridgeClientFactory(httpClient, timeouts)::create;
    this.maxClients = maxClients;
  }

  /** With another way to build clients: for tests of the cache itself. */
  CachingEventBridgeClientSupplier(int maxClients, ClientBuilder builder) {
    this.httpClient = ApacheHttpClient.builder().build();
    this.timeouts = newTimeoutThread();
    this.builder = builder;
    this.maxClients = maxClients;
  }

  private static ScheduledExecutorService newTimeoutThread() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "eventbridge-custom-bus-timeouts");
              thread.setDaemon(true);
              return thread;
            });
    // A finished call cancels its abort; without this the cancelled task would wait out its delay.
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /**
   * @throws ClientsClosedException once the supplier is closed (the runtime is shutting down)
   */
  @Override
  public ClientLease lease(AwsAuthentication authentication, AwsConfiguration configuration) {
    ClientKey key = ClientKey.of(authentication, configuration);
    CachedClient evicted = null;
    CachedClient leased;
    boolean mustBuild = false;
    lock.lock();
    try {
      if (closed) {
        throw new ClientsClosedException();
      }
      leased = clients.get(key);
      if (leased == null) {
        leased = new CachedClient();
        mustBuild = true;
        clients.put(key, leased);
        if (clients.size() > maxClients) {
          var eldest = clients.entrySet().iterator().next();
          clients.remove(eldest.getKey());
          evicted = retire(eldest.getValue());
        }
      }
      leased.leases++;
    } finally {
      lock.unlock();
    }
    if (evicted != null) {
      LOG.debug(
          "Closing the least recently used EventBridge client; more than {} identities are in use",
          maxClients);
      closeQuietly(evicted);
    }
    CachedClient client = leased;
    OwnedClient built = awaitBuilt(client, key, mustBuild, authentication, configuration);
    return new ClientLease() {
      private boolean returned;

      @Override
      public EventBridgeClient client() {
        return built.client();
      }

      @Override
      public CustomBusPutEvents customBus() {
        return built.customBus();
      }

      @Override
      public void close() {
        if (!returned) {
          returned = true;
          giveBack(client);
        }
      }
    };
  }

  /**
   * Builds the client when this lease created the entry, else waits for whoever builds it. A failed
   * build leaves the cache, so the next job tries again, and fails every job that waited for it.
   */
  private OwnedClient awaitBuilt(
      CachedClient client,
      ClientKey key,
      boolean mustBuild,
      AwsAuthentication authentication,
      AwsConfiguration configuration) {
    if (mustBuild) {
      try {
        client.owned.complete(builder.build(authentication, configuration));
      } catch (RuntimeException | Error e) {
        client.owned.completeExceptionally(e);
        lock.lock();
        try {
          clients.remove(key, client);
        } finally {
          lock.unlock();
        }
      }
    }
    try {
      return client.owned.join();
    } catch (CompletionException | CancellationException e) {
      giveBack(client);
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** Marks a client retired; returns it when it can be closed right away (no lease out). */
  private CachedClient retire(CachedClient client) {
    client.retired = true;
    if (client.leases == 0) {
      return client;
    }
    retiredInUse.add(client);
    return null;
  }

  private void giveBack(CachedClient client) {
    boolean closeNow;
    lock.lock();
    try {
      client.leases--;
      closeNow = client.retired && client.leases == 0;
      if (closeNow) {
        retiredInUse.remove(client);
        if (retiredInUse.isEmpty()) {
          drained.signalAll();
        }
      }
    } finally {
      lock.unlock();
    }
    if (closeNow) {
      closeQuietly(client);
    }
  }

  /** How many clients are cached; for tests and metrics. */
  public int size() {
    lock.lock();
    try {
      return clients.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Refuses new leases, closes idle clients, waits for running calls (bounded), then closes the
   * rest.
   */
  @Override
  public void close() {
    List<CachedClient> idle = new ArrayList<>();
    List<CachedClient> stillBusy;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (CachedClient client : clients.values()) {
        CachedClient closeNow = retire(client);
        if (closeNow != null) {
          idle.add(closeNow);
        }
      }
      clients.clear();
    } finally {
      lock.unlock();
    }
    idle.forEach(CachingEventBridgeClientSupplier::closeQuietly);

    lock.lock();
    try {
      long remaining = DRAIN_TIMEOUT.toNanos();
      while (!retiredInUse.isEmpty() && remaining > 0) {
        remaining = drained.awaitNanos(remaining);
      }
      stillBusy = new ArrayList<>(retiredInUse);
      retiredInUse.clear();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stillBusy = new ArrayList<>(retiredInUse);
      retiredInUse.clear();
    } finally {
      lock.unlock();
    }
    if (!stillBusy.isEmpty()) {
      LOG.warn(
          "Closing {} EventBridge client(s) with calls still running after {}",
          stillBusy.size(),
          DRAIN_TIMEOUT);
    }
    stillBusy.forEach(CachingEventBridgeClientSupplier::closeQuietly);
    timeouts.shutdownNow();
    httpClient.close();
  }

  private static void closeQuietly(CachedClient client) {
    if (!client.owned.isDone() || client.owned.isCompletedExceptionally()) {
      return; // never built: nothing to close (an entry being built is never closed, it holds a
      // lease)
    }
    try {
      client.owned.join().close();
    } catch (RuntimeException e) {
      LOG.warn("Closing an EventBridge client failed: {}", e.toString());
    }
  }
}
