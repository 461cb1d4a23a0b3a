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
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
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
 * #failCalls} fails whole calls with an HTTP error, and {@link #answerCallsWith} answers all calls,
 * or the calls a test picks by number, with what it wrote byte for byte (for answers no bus would
 * give, or written by another implementation). Records: every request, every entry sent, and every
 * event accepted with the ID it got. Answers carry {@code x-amzn-RequestId: req-<call>}, calls
 * counted from 1; event IDs are UUID-shaped and unique for the fake's life, and an event's sequence
 * number is the number its ID ends in.
 *
 * <p>Deduplication, as a Custom Event Bus does it: an entry with the deduplication key of an entry
 * accepted before (its {@code DeduplicationId}, or its content when the request asks for
 * content-based deduplication) is not put again, and its answer repeats that entry's event ID and
 * sequence number as DEDUPLICATED. The bus remembers keys for 5 minutes; the fake until {@link
 * #reset}, which no test outlives.
 */
public final class FakeEventBridge implements AutoCloseable {

  private static final String EVENT_ID_PREFIX = "00000000-0000-4000-8000-";
  private static final IntFunction<Optional<Answer>> NOT_SCRIPTED = call -> Optional.empty();

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
  private final Map<String, EntryOutcome.Accepted> byDeduplicationKey = new HashMap<>();
  private IntFunction<Optional<Answer>> scripted = NOT_SCRIPTED;
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

  /**
   * From now on, every PutEvents call (recorded as usual) gets this answer as it is, with exactly
   * its headers, whatever the faults say.
   */
  public void answerCallsWith(Answer answer) {
    answerCallsWith(call -> true, answer);
  }

  /**
   * From now on, the PutEvents calls whose number (counted from 1) {@code calls} holds for get this
   * answer as it is, with exactly its headers, whatever the faults say; the others are answered as
   * usual. For a bus that answers one call in a way no fault describes and the next one normally.
   */
  public synchronized void answerCallsWith(IntPredicate calls, Answer answer) {
    if (!keepsRecords) {
      throw new IllegalStateException("a fake without records accepts every call");
    }
    this.scripted = call -> calls.test(call) ? Optional.of(answer) : Optional.empty();
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
    byDeduplicationKey.clear();
    scripted = NOT_SCRIPTED;
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
    Optional<Answer> written = scripted.apply(call);
    if (written.isPresent()) {
      return written.get();
    }
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
      outcomes.add(nextEvent());
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

  /** Puts the entry, unless it repeats one put before; a repeat is not recorded as accepted. */
  private EntryOutcome accept(SentEntry entry) {
    EntryOutcome.Accepted earlier =
        entry.deduplicationKey() == null ? null : byDeduplicationKey.get(entry.deduplicationKey());
    if (earlier != null) {
      return new EntryOutcome.Accepted(earlier.eventId(), earlier.sequenceNumber(), true);
    }
    EntryOutcome.Accepted put = nextEvent();
    accepted.computeIfAbsent(entry.n(), n -> new ArrayList<>()).add(put.eventId());
    acceptedEventIds.add(put.eventId());
    if (entry.deduplicationKey() != null) {
      byDeduplicationKey.put(entry.deduplicationKey(), put);
    }
    return put;
  }

  private EntryOutcome.Accepted nextEvent() {
    String sequence = Integer.toString(eventIds.incrementAndGet());
    return new EntryOutcome.Accepted(
        EVENT_ID_PREFIX + "0".repeat(12 - sequence.length()) + sequence, sequence, false);
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    answer.headers().forEach(exchange.getResponseHeaders()::add);
    // -1: no body at all; 0 would mean a chunked body of unknown length to the JDK's server.
    exchange.sendResponseHeaders(
        answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
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
