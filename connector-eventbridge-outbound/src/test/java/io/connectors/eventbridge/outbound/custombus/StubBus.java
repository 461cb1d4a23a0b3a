package io.connectors.eventbridge.outbound.custombus;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server in the bus's place: records each request as it arrived and answers the scripted
 * answers in turn (the last one again when they run out).
 */
final class StubBus implements AutoCloseable {

  record Received(String method, String path, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  record Answer(int status, Map<String, String> headers, byte[] body) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Queue<Answer> answers = new ArrayDeque<>();
  private Answer last;

  StubBus() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Map<String, String> headers = new TreeMap<>();
          exchange
              .getRequestHeaders()
              .forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getRawPath(),
                  headers,
                  body));
          Answer answer = next();
          answer.headers().forEach(exchange.getResponseHeaders()::add);
          exchange.sendResponseHeaders(
              answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
          exchange.getResponseBody().write(answer.body());
          exchange.close();
        });
    server.start();
  }

  synchronized void answer(int status, Map<String, String> headers, byte[] body) {
    answers.add(new Answer(status, headers, body));
  }

  private synchronized Answer next() {
    Answer answer = answers.poll();
    if (answer != null) {
      last = answer;
    }
    return last;
  }

  /** The endpoint override for the client, with a path in front as local mode has one. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/local-eventbridge");
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
