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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * An HTTP server in the bus's place: records each request as it arrived and answers the scripted
 * answers in turn (the last one again when they run out). Also owns the HTTP client that the
 * clients under test share.
 */
final class StubBus implements AutoCloseable {

  static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  record Received(String method, String path, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  record Answer(int status, Map<String, String> headers, byte[] body) {}

  private final HttpServer server;
  private final SdkHttpClient http = ApacheHttpClient.builder().build();
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

  /** Our client, sending to {@code endpoint} with the given retries and static credentials. */
  CustomBusPutEvents client(
      URI endpoint, Region region, String accessKey, RetryStrategy retries, RetryPause pause) {
    return new RpcV2CborPutEvents(
        http,
        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, SECRET_KEY)),
        region,
        CustomBusEndpoints.overriddenBy(endpoint),
        retries,
        pause);
  }

  /** Our client, sending to this stub once per call. */
  CustomBusPutEvents clientWithoutRetries(Region region, String accessKey) {
    return client(
        endpoint(),
        region,
        accessKey,
        AwsRetryStrategy.doNotRetry(),
        delay -> {
          throw new AssertionError("no retry expected");
        });
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
    http.close();
    server.stop(0);
  }
}
