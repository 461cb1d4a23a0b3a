package io.connectors.eventbridge.testsupport;

import com.nimbusds.jose.jwk.JWK;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP endpoint serving public keys as a JWKS at {@code /jwks.json}, for JWT-protected
 * webhooks. It counts the fetches and can rotate keys or fail, so a test can prove what a verifier
 * fetches and when.
 */
public final class JwksServer implements AutoCloseable {

  /** What the next fetch gets: a status and, for 200, the JWKS. */
  private record Answer(int status, byte[] body) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicReference<Answer> answer;
  private final AtomicInteger fetches = new AtomicInteger();

  private JwksServer(String jwks, Runnable beforeEachAnswer) {
    this.answer = new AtomicReference<>(ok(jwks));
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // A thread per request, so that a test holding one fetch does not hold the others.
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext(
        "/jwks.json",
        exchange -> {
          fetches.incrementAndGet();
          beforeEachAnswer.run();
          var current = answer.get();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(
              current.status(), current.body().length == 0 ? -1 : current.body().length);
          exchange.getResponseBody().write(current.body());
          exchange.close();
        });
    server.start();
  }

  /** Serves the public half of {@code keys} at once. */
  public static JwksServer serving(JWK... keys) {
    return new JwksServer(Jwts.jwks(keys), () -> {});
  }

  /**
   * Serves {@code key}'s public JWKS after {@code beforeEachAnswer} returns, each request on a
   * thread of its own, so a test can hold the verifier's JWKS fetches.
   */
  public static JwksServer serving(JWK key, Runnable beforeEachAnswer) {
    return new JwksServer(Jwts.jwks(key), beforeEachAnswer);
  }

  /** From the next fetch on, serves the public half of {@code keys}, as after a key rotation. */
  public void serve(JWK... keys) {
    answer.set(ok(Jwts.jwks(keys)));
  }

  /** From the next fetch on, answers {@code status} without a body. */
  public void failWith(int status) {
    answer.set(new Answer(status, new byte[0]));
  }

  /** How many times the JWKS was asked for. */
  public int fetches() {
    return fetches.get();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The JWKS URL, for a webhook's {@code auth.jwksUrl}. */
  public String url() {
    return "http://127.0.0.1:" + port() + "/jwks.json";
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static Answer ok(String jwks) {
    return new Answer(200, jwks.getBytes(StandardCharsets.UTF_8));
  }
}
