package io.connectors.eventbridge.runtime.support.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A stand-in for EventBridge's PutEvents endpoint in front of local mode's bus: it passes requests
 * on, or, while {@link #hold() holding}, keeps them unanswered, as a slow EventBridge would, so
 * that the Put events tasks of the replica pointed at it are still running when the test kills that
 * replica. Held requests are never passed on: their sender is gone by the time they are let go
 * ({@link #abandonHeld()}). While {@link #holdAnswers() holding answers}, it passes requests on and
 * keeps the bus's answers from their senders instead: the events are on the bus, and the replica
 * that put them dies without knowing it.
 */
public final class HoldingGate implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding");

  private final HttpServer server;
  private final URI target;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> heldBodies = new ArrayList<>();
  private final List<HttpResponse<byte[]>> heldAnswers = new ArrayList<>();
  private volatile Hold hold;

  /**
   * What the gate does with requests until {@code release} is counted down.
   *
   * @param passOn whether a held request goes to the bus first, its answer held instead
   */
  private record Hold(CountDownLatch release, boolean passOn) {}

  private HoldingGate(HttpServer server, URI target) {
    this.server = server;
    this.target = target;
  }

  /**
   * Starts the gate on a free port of 127.0.0.1.
   *
   * @param target the bus endpoint to pass requests to (local mode's {@code /local-eventbridge})
   */
  public static HoldingGate start(URI target) {
    try {
      var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      var gate = new HoldingGate(server, target);
      server.createContext("/", gate::handle);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return gate;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The endpoint to give the replica, with the target's path. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + target.getRawPath());
  }

  /** From now on, requests are held unanswered. */
  public void hold() {
    hold = new Hold(new CountDownLatch(1), false);
  }

  /**
   * From now on, requests are passed on to the bus but the bus's answers are held: their senders
   * get none ({@link #heldAnswers()}).
   */
  public void holdAnswers() {
    hold = new Hold(new CountDownLatch(1), true);
  }

  /** Closes the held requests unanswered, and passes later ones on again. */
  public void abandonHeld() {
    var held = hold;
    hold = null;
    if (held != null) {
      held.release().countDown();
    }
  }

  /** The bus's answers to the requests passed on while {@link #holdAnswers() holding answers}. */
  public List<HttpResponse<byte[]>> heldAnswers() {
    synchronized (heldAnswers) {
      return List.copyOf(heldAnswers);
    }
  }

  /** The bodies of the requests held so far. */
  public List<String> heldBodies() {
    synchronized (heldBodies) {
      return List.copyOf(heldBodies);
    }
  }

  /**
   * The values of {@code field} in the held requests' entries' {@code Detail} (PutEvents JSON: an
   * {@code Entries} array whose {@code Detail} is a JSON string).
   */
  public List<String> heldDetailValues(String field) {
    var values = new ArrayList<String>();
    for (String body : heldBodies()) {
      try {
        for (JsonNode entry : JSON.readTree(body).path("Entries")) {
          var detail = JSON.readTree(entry.path("Detail").asText("{}"));
          if (detail.has(field)) {
            values.add(detail.path(field).asText());
          }
        }
      } catch (IOException e) {
        // not PutEvents JSON: nothing to read
      }
    }
    return values;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      var held = hold;
      if (held == null) {
        answer(exchange, passOn(exchange, body));
        return;
      }
      synchronized (heldBodies) {
        heldBodies.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
      }
      if (held.passOn()) {
        var response = passOn(exchange, body);
        synchronized (heldAnswers) {
          heldAnswers.add(response);
        }
      }
      held.release().await();
      // closed unanswered
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpResponse<byte[]> passOn(HttpExchange exchange, byte[] body)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getRawPath()))
            .timeout(Duration.ofSeconds(30))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
              }
            });
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void answer(HttpExchange exchange, HttpResponse<byte[]> response)
      throws IOException {
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))
                  && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    byte[] answer = response.body();
    exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
    exchange.getResponseBody().write(answer);
  }

  @Override
  public void close() {
    abandonHeld();
    server.stop(0);
    http.close();
  }
}
