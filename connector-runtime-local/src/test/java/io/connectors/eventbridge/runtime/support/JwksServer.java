package io.connectors.eventbridge.runtime.support;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real HTTP endpoint serving the public half of a key as a JWKS, for JWT-protected webhooks. */
public final class JwksServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;

  private JwksServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Serves {@code key}'s public JWKS at once. */
  public static JwksServer serving(RSAKey key) {
    return serving(key, () -> {});
  }

  /**
   * Serves {@code key}'s public JWKS after {@code beforeEachAnswer} returns, each request on a
   * thread of its own, so a test can hold the runtime's JWKS fetches.
   */
  public static JwksServer serving(RSAKey key, Runnable beforeEachAnswer) {
    byte[] jwks = new JWKSet(key).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      ExecutorService executor = Executors.newCachedThreadPool();
      server.setExecutor(executor);
      server.createContext(
          "/jwks.json",
          exchange -> {
            beforeEachAnswer.run();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
          });
      server.start();
      return new JwksServer(server, executor);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The JWKS URL, for the webhook's {@code inbound.auth.jwksUrl}. */
  public String url() {
    return "http://127.0.0.1:" + port() + "/jwks.json";
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
