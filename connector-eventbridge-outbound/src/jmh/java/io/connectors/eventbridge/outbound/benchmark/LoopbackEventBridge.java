package io.connectors.eventbridge.outbound.benchmark;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A minimal PutEvents endpoint on 127.0.0.1, over HTTPS like the real service or over plain HTTP,
 * that accepts every entry. It counts entries by their "Source" keys instead of parsing JSON, so
 * that its own cost stays small and equal across the benchmarked variants.
 */
final class LoopbackEventBridge implements AutoCloseable {

  private static final byte[] SOURCE_KEY = "\"Source\"".getBytes(StandardCharsets.US_ASCII);

  private final HttpServer server;
  private final String scheme;
  final AtomicLong calls = new AtomicLong();

  LoopbackEventBridge(boolean https) throws Exception {
    scheme = https ? "https" : "http";
    if (https) {
      HttpsServer tls = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
      tls.setHttpsConfigurator(new HttpsConfigurator(serverTls()));
      server = tls;
      // Clients built after this trust the stub's self-signed certificate through the JDK defaults.
      System.setProperty("javax.net.ssl.trustStore", resource("loopback-trust.p12").toString());
      System.setProperty("javax.net.ssl.trustStorePassword", "benchmark");
      System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    } else {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          int entries = count(body);
          calls.incrementAndGet();
          StringBuilder json =
              new StringBuilder(32 + entries * 60).append("{\"FailedEntryCount\":0,\"Entries\":[");
          for (int i = 0; i < entries; i++) {
            json.append(i == 0 ? "" : ",")
                .append("{\"EventId\":\"11111111-2222-3333-4444-5555555555")
                .append(i % 100)
                .append("\"}");
          }
          byte[] response = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
          exchange.getResponseHeaders().add("x-amzn-RequestId", "loopback");
          exchange.sendResponseHeaders(200, response.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(response);
          }
        });
    server.start();
  }

  String endpoint() {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  private static SSLContext serverTls() throws Exception {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = LoopbackEventBridge.class.getResourceAsStream("/loopback-server.p12")) {
      keyStore.load(in, "benchmark".toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, "benchmark".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private static Path resource(String name) throws Exception {
    return Path.of(LoopbackEventBridge.class.getResource("/" + name).toURI());
  }

  private static int count(byte[] body) {
    int count = 0;
    outer:
    for (int i = 0; i <= body.length - SOURCE_KEY.length; i++) {
      for (int j = 0; j < SOURCE_KEY.length; j++) {
        if (body[i + j] != SOURCE_KEY[j]) {
          continue outer;
        }
      }
      count++;
    }
    return count;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
