package io.connectors.eventbridge.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A PutEvents endpoint on 127.0.0.1 for tests and benchmarks, with faults a test chooses and a
 * memory of what it received and accepted.
 *
 * <p>Built on the JDK's HTTP server rather than WireMock: the benchmark needs a stand-in whose own
 * cost is small, and the tests need the raw requests, which this keeps as they came ({@link
 * #requests()}). The protocol is read from each request ({@link WireProtocol}), so the faults and
 * records below serve every protocol PutEvents is spoken in.
 *
 * <p>Faults: {@link #failEntries} rejects single entries (a 200 answer with ErrorCodes), {@link
 * #failCalls} fails whole calls with an HTTP error. Records: every request, every entry sent, and
 * every event accepted with the ID it got. Answers carry {@code x-amzn-RequestId: req-<call>},
 * calls counted from 1; event IDs are UUID-shaped and unique for the fake's life.
 */
public final class FakeEventBridge implements AutoCloseable {

  private static final String EVENT_ID_PREFIX = "00000000-0000-4000-8000-";

  private final HttpServer server;
  private final ExecutorService threads;
  private final boolean keepsRecords;
  private final String scheme;
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger eventIds = new AtomicInteger();

  // Guarded by this: requests are answered one at a time when records are kept, so that seeded
  // fault functions see entries in the order they were sent.
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final List<SentEntry> sentEntries = new ArrayList<>();
  private final Map<Integer, Integer> sends = new HashMap<>();
  private final Map<Integer, List<String>> accepted = new LinkedHashMap<>();
  private final List<String> acceptedEventIds = new ArrayList<>();
  private EntryFaults entryFaults = EntryFaults.NONE;
  private CallFaults callFaults = CallFaults.NONE;

  private FakeEventBridge(SSLContext tls, boolean keepsRecords) throws IOException {
    this.keepsRecords = keepsRecords;
    var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      server = HttpServer.create(address, 128);
      scheme = "http";
    } else {
      HttpsServer https = HttpsServer.create(address, 128);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
      scheme = "https";
    }
    threads =
        Executors.newFixedThreadPool(
            4, Thread.ofPlatform().daemon().name("fake-eventbridge-", 0).factory());
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Over plain HTTP, keeping every record. */
  public static FakeEventBridge start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How to start a fake; plain HTTP and every record kept unless told otherwise. */
  public static final class Builder {
    private SSLContext tls;
    private boolean keepsRecords = true;

    private Builder() {}

    /** Serves HTTPS with this context's key, as the real service does. */
    public Builder https(SSLContext tls) {
      this.tls = tls;
      return this;
    }

    /**
     * Accepts every entry and keeps no record but the call count, without decoding requests: for
     * benchmarks, where the fake's own cost must stay small and memory must not grow.
     */
    public Builder withoutRecords() {
      this.keepsRecords = false;
      return this;
    }

    public FakeEventBridge start() {
      try {
        return new FakeEventBridge(tls, keepsRecords);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The URL to configure as the client's endpoint override. */
  public String endpoint() {
    return scheme + "://127.0.0.1:" + port();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** From now on, entries are rejected as {@code faults} says. */
  public synchronized void failEntries(EntryFaults faults) {
    if (!keepsRecords) {
      throw new IllegalStateException("a fake without records does not decode entries");
    }
    this.entryFaults = faults;
  }

  /** From now on, whole calls fail as {@code faults} says. */
  public synchronized void failCalls(CallFaults faults) {
    if (!keepsRecords) {
      throw new IllegalStateException("a fake without records accepts every call");
    }
    this.callFaults = faults;
  }

  /** Calls received, failed ones included. */
  public int calls() {
    return calls.get();
  }

  /** Every request received, PutEvents or not, as it came. */
  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Every entry of every PutEvents call, in the order received, accepted or not. */
  public synchronized List<SentEntry> sentEntries() {
    return List.copyOf(sentEntries);
  }

  /** Event n → the event IDs it was accepted with, one per time it was accepted. */
  public synchronized Map<Integer, List<String>> accepted() {
    Map<Integer, List<String>> copy = new LinkedHashMap<>();
    accepted.forEach((n, ids) -> copy.put(n, List.copyOf(ids)));
    return Collections.unmodifiableMap(copy);
  }

  /** The IDs of every accepted event, in the order they were accepted. */
  public synchronized List<String> acceptedEventIds() {
    return List.copyOf(acceptedEventIds);
  }

  /** Forgets every record and fault, and counts calls from 1 again. */
  public synchronized void reset() {
    requests.clear();
    sentEntries.clear();
    sends.clear();
    accepted.clear();
    acceptedEventIds.clear();
    calls.set(0);
    entryFaults = EntryFaults.NONE;
    callFaults = CallFaults.NONE;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      var request =
          new RecordedRequest(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders(),
              body);
      send(exchange, keepsRecords ? recordAndAnswer(request) : answerWithoutRecords(request));
    } finally {
      exchange.close();
    }
  }

  // One request at a time, so that call numbers, records and seeded faults follow one order.
  private synchronized Answer recordAndAnswer(RecordedRequest request) {
    requests.add(request);
    Optional<WireProtocol> protocol = protocolOf(request);
    if (protocol.isEmpty()) {
      return unknownOperation();
    }
    int call = calls.incrementAndGet();
    List<SentEntry> entries = protocol.get().entries(request.body());
    sentEntries.addAll(entries);
    Optional<CallError> callError = callFaults.errorFor(call);
    if (callError.isPresent()) {
      return protocol.get().error(callError.get());
    }
    List<EntryOutcome> outcomes = new ArrayList<>(entries.size());
    for (SentEntry entry : entries) {
      int send = sends.merge(entry.n(), 1, Integer::sum);
      outcomes.add(
          entryFaults
              .errorFor(entry.n(), send)
              .<EntryOutcome>map(EntryOutcome.Rejected::new)
              .orElseGet(() -> accept(entry)));
    }
    return protocol.get().answer(outcomes).withRequestId("req-" + call);
  }

  private Answer answerWithoutRecords(RecordedRequest request) {
    Optional<WireProtocol> protocol = protocolOf(request);
    if (protocol.isEmpty()) {
      return unknownOperation();
    }
    int call = calls.incrementAndGet();
    int count = protocol.get().countEntries(request.body());
    List<EntryOutcome> outcomes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      outcomes.add(new EntryOutcome.Accepted(nextEventId()));
    }
    return protocol.get().answer(outcomes).withRequestId("req-" + call);
  }

  private static Optional<WireProtocol> protocolOf(RecordedRequest request) {
    return WireProtocol.ALL.stream().filter(p -> p.carries(request)).findFirst();
  }

  /** What AWS answers for a target it does not know; in JSON 1.1 for want of a better guess. */
  private static Answer unknownOperation() {
    return new AwsJson11()
        .error(new CallError(400, "UnknownOperationException", "not a PutEvents call"));
  }

  private EntryOutcome accept(SentEntry entry) {
    String eventId = nextEventId();
    accepted.computeIfAbsent(entry.n(), n -> new ArrayList<>()).add(eventId);
    acceptedEventIds.add(eventId);
    return new EntryOutcome.Accepted(eventId);
  }

  private String nextEventId() {
    String sequence = Integer.toString(eventIds.incrementAndGet());
    return EVENT_ID_PREFIX + "0".repeat(12 - sequence.length()) + sequence;
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", answer.contentType());
    if (answer.requestId() != null) {
      exchange.getResponseHeaders().add("x-amzn-RequestId", answer.requestId());
    }
    exchange.sendResponseHeaders(answer.status(), answer.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer.body());
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
