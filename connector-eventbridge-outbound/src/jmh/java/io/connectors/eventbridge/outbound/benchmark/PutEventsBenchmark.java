package io.connectors.eventbridge.outbound.benchmark;

import io.connectors.eventbridge.outbound.EventBridgePutEventsFunction;
import io.connectors.eventbridge.outbound.auth.StaticCredentialsAuthentication;
import io.connectors.eventbridge.outbound.client.CachingEventBridgeClientSupplier;
import io.connectors.eventbridge.outbound.client.ClientLease;
import io.connectors.eventbridge.outbound.metrics.OutboundMetrics;
import io.connectors.eventbridge.outbound.model.AwsConfiguration;
import io.connectors.eventbridge.outbound.model.CustomEventBus;
import io.connectors.eventbridge.outbound.model.EventBatch;
import io.connectors.eventbridge.outbound.model.EventEntry;
import io.connectors.eventbridge.outbound.model.PutEventsRequest;
import io.connectors.eventbridge.outbound.model.SingleEvent;
import io.connectors.eventbridge.outbound.progress.JobAttempt;
import io.connectors.eventbridge.outbound.progress.PriorProgress;
import io.connectors.eventbridge.outbound.result.PutEventsResult;
import io.connectors.eventbridge.outbound.send.Sleeper;
import io.connectors.eventbridge.testsupport.FakeEventBridge;
import io.micrometer.core.instrument.Metrics;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * The connector against a loopback PutEvents stub, over HTTPS (as the real service) and plain HTTP.
 *
 * <ul>
 *   <li>{@code rawSdkPutEvents}: a bare SDK call on a warm client, the floor.
 *   <li>{@code connectorSingleEvent}: one task with the connector's cached client; the difference
 *       to the raw call is what the connector adds (binding aside: validation, sizing, mapping).
 *   <li>{@code connectorSingleEventNewClientPerCall}: what the stock connector does, a new SDK
 *       client (and HTTP pool) per job, closed afterwards.
 *   <li>{@code connectorBatchOf1000}: one task with 1,000 events (100 PutEvents calls).
 *   <li>{@code connectorCustomBusBatchOf1000}: the same 1,000 events on a Custom Event Bus (10
 *       calls of 100, Smithy RPC v2 CBOR, a deduplication ID derived from the job per entry).
 * </ul>
 *
 * Run: {@code mvn -Dbenchmark -pl connector-eventbridge-outbound -am verify -DskipTests}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
// The fake's JDK HTTP server with Nagle's algorithm on holds an answer's body over its buffer (the
// 100-entry CBOR answers) until the client's delayed ACK: 40 ms a call that EventBridge does not
// cost. Measured on a busy machine: 476 ms per 1,000 Custom Event Bus events with it, 93 ms
// without.
@Fork(jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
public class PutEventsBenchmark {

  private static final StaticCredentialsAuthentication KEYS =
      new StaticCredentialsAuthentication("AKIDEXAMPLE", "benchmark-secret-key", null);

  /** https is what EventBridge speaks; http shows the cost without TLS. */
  @Param({"https", "http"})
  public String scheme;

  private FakeEventBridge stub;
  private CachingEventBridgeClientSupplier cachedClients;
  private EventBridgePutEventsFunction connector;
  private EventBridgePutEventsFunction connectorWithNewClientPerCall;
  private EventBridgeClient warmRawClient;
  private PutEventsRequest single;
  private PutEventsRequest batchOf1000;
  private PutEventsRequest customBusBatchOf1000;

  /** A new element instance per task, so each derives its own deduplication IDs. */
  private long elementInstanceKey = 2251799813685249L;

  private software.amazon.awssdk.services.eventbridge.model.PutEventsRequest rawRequest;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    // Without records the stand-in counts entries instead of decoding them: its own cost stays
    // small and equal across the benchmarked variants.
    var fake = FakeEventBridge.builder().withoutRecords();
    if ("https".equals(scheme)) {
      fake.https(LoopbackTls.server());
      LoopbackTls.trustForClients();
    }
    stub = fake.start();
    var configuration = new AwsConfiguration("eu-central-1", stub.endpoint(), null, null, null);
    cachedClients = new CachingEventBridgeClientSupplier(4);
    // Micrometer's global registry, empty here, as the connector's meters had before they were
    // injected: the figures stay comparable with earlier runs.
    var metrics = new OutboundMetrics(Metrics.globalRegistry, cachedClients::size);
    connector =
        new EventBridgePutEventsFunction(
            cachedClients, metrics, Sleeper.THREAD_SLEEP, System::nanoTime);
    connectorWithNewClientPerCall =
        new EventBridgePutEventsFunction(
            (auth, config) ->
                ClientLease.closing(
                    newStandaloneClient(config.endpoint()),
                    request -> {
                      throw new UnsupportedOperationException("puts on a classic bus only");
                    }),
            metrics,
            Sleeper.THREAD_SLEEP,
            System::nanoTime);
    warmRawClient = newStandaloneClient(stub.endpoint());

    Map<String, Object> detail =
        Map.of(
            "orderId",
            "order-42",
            "total",
            99.5,
            "currency",
            "EUR",
            "items",
            List.of("a", "b", "c"));
    single =
        new PutEventsRequest(
            KEYS,
            configuration,
            new SingleEvent(
                "default", "com.example.orders", "OrderPlaced", detail, null, null, null));
    batchOf1000 =
        new PutEventsRequest(
            KEYS,
            configuration,
            new EventBatch(
                IntStream.range(0, 1000)
                    .mapToObj(
                        i ->
                            new EventEntry(
                                null,
                                "com.example.orders",
                                "OrderPlaced",
                                Map.of("orderId", "order-" + i, "total", i),
                                null,
                                null,
                                null))
                    .toList()));
    customBusBatchOf1000 =
        new PutEventsRequest(
            KEYS,
            configuration,
            batchOf1000.event(),
            new CustomEventBus(
                "arn:aws:events:eu-central-1:123456789012:event-busv2/orders/abcdefghij0123456789klmno",
                null,
                null,
                null));
    rawRequest =
        software.amazon.awssdk.services.eventbridge.model.PutEventsRequest.builder()
            .entries(
                PutEventsRequestEntry.builder()
                    .eventBusName("default")
                    .source("com.example.orders")
                    .detailType("OrderPlaced")
                    .detail(
                        "{\"orderId\":\"order-42\",\"total\":99.5,\"currency\":\"EUR\",\"items\":[\"a\",\"b\",\"c\"]}")
                    .build())
            .build();

    long before = stub.calls();
    PutEventsResult result = connector.putEvents(batchOf1000);
    long calls = stub.calls() - before;
    if (result.eventIds().size() != 1000 || calls > 100) {
      throw new IllegalStateException(
          "1,000 events took " + calls + " calls and gave " + result.eventIds().size() + " IDs");
    }
    System.out.println("\n1,000 events were sent in " + calls + " PutEvents calls");

    before = stub.calls();
    result = connectorCustomBusBatchOf1000();
    calls = stub.calls() - before;
    if (result.eventIds().size() != 1000 || calls > 10) {
      throw new IllegalStateException(
          "1,000 events on a Custom Event Bus took "
              + calls
              + " calls and gave "
              + result.eventIds().size()
              + " IDs");
    }
    System.out.println("1,000 events were sent to a Custom Event Bus in " + calls + " calls");
  }

  private static EventBridgeClient newStandaloneClient(String endpoint) {
    return EventBridgeClient.builder()
        .region(Region.EU_CENTRAL_1)
        .endpointOverride(URI.create(endpoint))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDEXAMPLE", "benchmark-secret-key")))
        .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    warmRawClient.close();
    cachedClients.close();
    stub.close();
  }

  @Benchmark
  public PutEventsResponse rawSdkPutEvents() {
    return warmRawClient.putEvents(rawRequest);
  }

  @Benchmark
  public PutEventsResult connectorSingleEvent() throws InterruptedException {
    return connector.putEvents(single);
  }

  @Benchmark
  public PutEventsResult connectorSingleEventNewClientPerCall() throws InterruptedException {
    return connectorWithNewClientPerCall.putEvents(single);
  }

  @Benchmark
  public PutEventsResult connectorBatchOf1000() throws InterruptedException {
    return connector.putEvents(batchOf1000);
  }

  @Benchmark
  public PutEventsResult connectorCustomBusBatchOf1000() throws InterruptedException {
    return connector.putEvents(
        customBusBatchOf1000, new JobAttempt(elementInstanceKey++, PriorProgress.NONE));
  }
}
