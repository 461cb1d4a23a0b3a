package io.connectors.eventbridge.outbound.client;

import io.connectors.eventbridge.outbound.auth.AwsAuthentication;
import io.connectors.eventbridge.outbound.client.EventBridgeClientFactory.OwnedClient;
import io.connectors.eventbridge.outbound.model.AwsConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * One SDK client per region, endpoint and credential identity, reused across jobs: building a
 * client costs milliseconds and a TLS handshake, sending an event on a warm one does not.
 *
 * <p>The cache is bounded; the least recently used client is closed when a new identity would
 * exceed the bound. All clients share one HTTP connection pool.
 */
public final class CachingEventBridgeClientSupplier implements EventBridgeClientSupplier, AutoCloseable {

  public static final int DEFAULT_MAX_CLIENTS = 32;

  private static final Logger LOG = LoggerFactory.getLogger(CachingEventBridgeClientSupplier.class);
  private static volatile CachingEventBridgeClientSupplier shared;

  private final EventBridgeClientFactory factory;
  private final SdkHttpClient httpClient;
  private final int maxClients;
  private final ReentrantLock lock = new ReentrantLock();
  private final LinkedHashMap<ClientKey, OwnedClient> clients = new LinkedHashMap<>(16, 0.75f, true);
  private boolean closed;

  public CachingEventBridgeClientSupplier(int maxClients) {
    this.httpClient =
        ApacheHttpClient.builder()
            .maxConnections(64)
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(30))
            .build();
    this.factory = new EventBridgeClientFactory(httpClient);
    this.maxClients = maxClients;
  }

  /**
   * The process-wide instance used when the runtime creates the connector through ServiceLoader,
   * closed by a shutdown hook since nothing else would close it.
   */
  public static CachingEventBridgeClientSupplier shared() {
    CachingEventBridgeClientSupplier instance = shared;
    if (instance == null) {
      synchronized (CachingEventBridgeClientSupplier.class) {
        instance = shared;
        if (instance == null) {
          instance = new CachingEventBridgeClientSupplier(DEFAULT_MAX_CLIENTS);
          Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "eventbridge-client-cache-shutdown"));
          shared = instance;
        }
      }
    }
    return instance;
  }

  @Override
  public software.amazon.awssdk.services.eventbridge.EventBridgeClient clientFor(
      AwsAuthentication authentication, AwsConfiguration configuration) {
    ClientKey key = ClientKey.of(authentication, configuration);
    OwnedClient evicted = null;
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("The EventBridge client cache is closed");
      }
      OwnedClient client = clients.get(key);
      if (client != null) {
        return client.client();
      }
      client = factory.create(authentication, configuration);
      clients.put(key, client);
      if (clients.size() > maxClients) {
        var eldest = clients.entrySet().iterator().next();
        evicted = eldest.getValue();
        clients.remove(eldest.getKey());
      }
      return client.client();
    } finally {
      lock.unlock();
      if (evicted != null) {
        LOG.debug("Closing the least recently used EventBridge client; more than {} identities are in use", maxClients);
        evicted.close();
      }
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

  @Override
  public void close() {
    List<OwnedClient> toClose;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(clients.values());
      clients.clear();
    } finally {
      lock.unlock();
    }
    toClose.forEach(CachingEventBridgeClientSupplier::closeQuietly);
    httpClient.close();
  }

  private static void closeQuietly(OwnedClient client) {
    try {
      client.close();
    } catch (RuntimeException e) {
      LOG.warn("Closing an EventBridge client failed: {}", e.toString());
    }
  }
}
