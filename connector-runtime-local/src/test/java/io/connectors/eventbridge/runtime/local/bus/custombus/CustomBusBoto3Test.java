package io.connectors.eventbridge.runtime.local.bus.custombus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.connectors.eventbridge.outbound.custombus.CborValues;
import io.connectors.eventbridge.runtime.local.bus.LocalEventBusController;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

/**
 * boto3's own {@code eventbridgev2} client puts events on local mode's Custom Event Bus, with
 * {@code endpoint_url} the local bus's endpoint, and subscribers deliver them to a plain HTTP
 * server: one FIFO subscriber in the WITH_METADATA form, one unordered RAW subscriber with a DATA
 * filter.
 */
@LocalRuntimeTest
class CustomBusBoto3Test {

  private static final String BUS_ARN =
      "arn:aws:events:us-east-1:000000000000:event-busv2/orders/abcdefghijklmnopqrstuvwxy";
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  private static HttpServer webhook;
  private static ExecutorService webhookThreads;

  /** Every request the webhook answered, in the order it received them. */
  private static final List<Received> received = new ArrayList<>();

  /** Events the webhook has already failed once (their first attempt is answered 503). */
  private static final Set<String> failedOnce = new HashSet<>();

  private record Received(String path, JsonNode body, int status) {}

  @Autowired LocalRuntime runtime;

  @BeforeAll
  static void startWebhook() throws IOException {
    webhook = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    webhookThreads = Executors.newFixedThreadPool(4);
    webhook.setExecutor(webhookThreads);
    webhook.createContext("/", CustomBusBoto3Test::answer);
    webhook.start();
  }

  @AfterAll
  static void stopWebhook() {
    webhook.stop(0);
    webhookThreads.shutdownNow();
  }

  /** 200, except for the first attempt of an event whose detail asks to fail once. */
  private static void answer(HttpExchange exchange) throws IOException {
    JsonNode body = Boto3.JSON.readTree(exchange.getRequestBody().readAllBytes());
    JsonNode detail = body.has("Data") ? body.path("Data").path("detail") : body.path("detail");
    String eventId =
        body.path("SystemMetadata").path("aws:EventId").asText(body.path("id").asText());
    int status;
    synchronized (received) {
      status = detail.path("failFirst").asBoolean() && failedOnce.add(eventId) ? 503 : 200;
      received.add(new Received(exchange.getRequestURI().getPath(), body, status));
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Autowired
  void writeRules(LocalRuntime runtime) {
    runtime.writeBusRules(
        """
        subscribers:
          - name: orders-in-order
            eventBusArn: %2$s
            target:
              url: http://localhost:%1$d/fifo
              invocationTimeoutSeconds: 5
            transformer: { type: WITH_METADATA }
            retryPolicy: { maxRetryAttempts: 3, maxEventAgeInSeconds: 60 }
            type: FIFO
          - name: group-b-raw
            eventBusName: orders
            filterConfiguration:
              filters:
                - scope: DATA
                  pattern: { detail: { group: ["B"] } }
            target: { url: "http://localhost:%1$d/raw" }
        """
            .formatted(webhook.getAddress().getPort(), BUS_ARN));
  }

  @Test
  void boto3PutsEventsThatReachTheWebhookWithMetadataInOrderWithinTheirGroup() {
    List<ObjectNode> calls = new ArrayList<>();
    // Three groups, their events interleaved; the first event of A fails once at the webhook.
    List<ObjectNode> first = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      for (String group : List.of("A", "B", "C")) {
        first.add(entry(group, n, group.equals("A") && n == 1));
      }
    }
    calls.add(call(first, false));
    // The first event of each group again, with its deduplication ID: a repeat.
    calls.add(call(first.subList(0, 3), false));
    // Content-based deduplication: the second identical entry is a repeat.
    calls.add(call(List.of(entryWithoutId("D", 1)), true));
    calls.add(call(List.of(entryWithoutId("D", 1)), true));
    // One more per group: once it has arrived, everything before it in its group has.
    calls.add(
        call(
            List.of(
                entry("A", 4, false),
                entry("B", 4, false),
                entry("C", 4, false),
                entryWithoutId("D", 2)),
            false));
    // A classic bus ARN is not a Custom Event Bus ARN.
    ObjectNode wrongBus = call(List.of(entry("A", 5, false)), false);
    wrongBus.put("EventBusArn", "arn:aws:events:us-east-1:000000000000:event-bus/orders");
    calls.add(wrongBus);

    List<JsonNode> answers = Boto3.putEvents(endpoint(), calls);

    JsonNode published = answers.get(0).path("result");
    assertThat(published.path("FailedEntryCount").asInt()).isZero();
    assertThat(published.path("Entries")).hasSize(9);
    assertThat(published.path("Entries"))
        .allSatisfy(e -> assertThat(e.path("SuccessCode").asText()).isEqualTo("PUBLISHED"));
    List<String> sequence = texts(published.path("Entries"), "SequenceNumber");
    assertThat(sequence).isSorted().doesNotHaveDuplicates();

    JsonNode repeated = answers.get(1).path("result");
    assertThat(repeated.path("Entries"))
        .allSatisfy(e -> assertThat(e.path("SuccessCode").asText()).isEqualTo("DEDUPLICATED"));
    // A repeat is answered with the event it repeats.
    assertThat(texts(repeated.path("Entries"), "EventId"))
        .isEqualTo(texts(published.path("Entries"), "EventId").subList(0, 3));
    assertThat(texts(repeated.path("Entries"), "SequenceNumber")).isEqualTo(sequence.subList(0, 3));

    assertThat(answers.get(2).path("result").path("Entries").get(0).path("SuccessCode").asText())
        .isEqualTo("PUBLISHED");
    assertThat(answers.get(3).path("result").path("Entries").get(0).path("SuccessCode").asText())
        .isEqualTo("DEDUPLICATED");
    assertThat(answers.get(4).path("result").path("Entries"))
        .allSatisfy(e -> assertThat(e.path("SuccessCode").asText()).isEqualTo("PUBLISHED"));

    JsonNode error = answers.get(5).path("error");
    assertThat(error.path("code").asText()).isEqualTo("InvalidInputException");
    assertThat(error.path("status").asInt()).isEqualTo(400);
    assertThat(error.path("message").asText()).contains("EventBusArn");

    Map<String, List<Received>> byGroup = awaitLastOfEachGroup();
    // In order within each group, and the event that failed once held up its group until retried.
    assertThat(numbers(byGroup.get("order-A"))).containsExactly(1, 1, 2, 3, 4);
    assertThat(statuses(byGroup.get("order-A"))).containsExactly(503, 200, 200, 200, 200);
    assertThat(numbers(byGroup.get("order-B"))).containsExactly(1, 2, 3, 4);
    assertThat(numbers(byGroup.get("order-C"))).containsExactly(1, 2, 3, 4);
    assertThat(numbers(byGroup.get("order-D"))).containsExactly(1, 2);

    JsonNode firstOfB = byGroup.get("order-B").get(0).body();
    JsonNode answeredB = published.path("Entries").get(1);
    assertThat(firstOfB.path("Metadata").isObject()).isTrue();
    assertThat(firstOfB.path("Data").path("source").asText()).isEqualTo("com.example.orders");
    assertThat(firstOfB.path("Data").path("detail-type").asText()).isEqualTo("OrderEvent");
    assertThat(firstOfB.path("Data").path("account").asText()).isEqualTo("000000000000");
    assertThat(firstOfB.path("Data").path("region").asText()).isEqualTo("us-east-1");
    assertThat(firstOfB.path("Data").path("id").asText())
        .isEqualTo(answeredB.path("EventId").asText());
    JsonNode system = firstOfB.path("SystemMetadata");
    assertThat(system.path("aws:EventId").asText()).isEqualTo(answeredB.path("EventId").asText());
    assertThat(system.path("aws:SequenceNumber").asText())
        .isEqualTo(answeredB.path("SequenceNumber").asText());
    assertThat(system.path("aws:DeliveryType").asText()).isEqualTo("LIVE");
    assertThat(system.path("aws:Source").asText()).isEqualTo("com.example.orders");
    assertThat(system.path("aws:DetailType").asText()).isEqualTo("OrderEvent");
    assertThat(system.path("aws:IngestionTime").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    assertThat(system.path("EventGroupId").asText()).isEqualTo("order-B");
    assertThat(system.path("DeduplicationId").asText()).isEqualTo("B-1");
    assertThat(system.path("ContentType").asText()).isEqualTo("application/eventbridge+json");

    // The RAW subscriber gets the envelope alone, and only the events its filter matches.
    List<Received> raw = awaitRequests("/raw", 4);
    assertThat(raw).allSatisfy(r -> assertThat(r.body().has("Data")).isFalse());
    assertThat(raw)
        .allSatisfy(r -> assertThat(r.body().path("detail").path("group").asText()).isEqualTo("B"));
    assertThat(raw.stream().map(r -> r.body().path("detail").path("n").asInt()).sorted().toList())
        .containsExactly(1, 2, 3, 4);
  }

  @Test
  void aCallerWithoutTheProtocolHeaderOrForAnotherOperationGetsAModeledErrorInCbor()
      throws Exception {
    HttpResponse<byte[]> noProtocol =
        post(CustomBusController.PATH, Map.of("Content-Type", "application/cbor"));
    HttpResponse<byte[]> otherOperation =
        post(
            LocalEventBusController.PATH + "/service/AWSEventsV2/operation/CreateSubscriber",
            Map.of("Content-Type", "application/cbor", "smithy-protocol", "rpc-v2-cbor"));

    assertThat(noProtocol.statusCode()).isEqualTo(400);
    assertThat(noProtocol.headers().firstValue("Content-Type")).hasValue("application/cbor");
    assertThat(cborError(noProtocol)).containsEntry("__type", "InvalidInputException");
    assertThat(otherOperation.statusCode()).isEqualTo(404);
    assertThat(cborError(otherOperation))
        .containsEntry("__type", "ResourceNotFoundException")
        .hasEntrySatisfying("Message", m -> assertThat((String) m).contains("CreateSubscriber"));
  }

  private HttpResponse<byte[]> post(String path, Map<String, String> headers) throws Exception {
    var request =
        HttpRequest.newBuilder(runtime.baseUrl().resolve(path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xa0}));
    headers.forEach(request::header);
    try (var http = HttpClient.newHttpClient()) {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
  }

  @SuppressWarnings("unchecked") // CborValues makes maps with text keys.
  private static Map<String, Object> cborError(HttpResponse<byte[]> response) throws IOException {
    return (Map<String, Object>) new CborValues(new CBORFactory()).read(response.body());
  }

  private java.net.URI endpoint() {
    return runtime.baseUrl().resolve(LocalEventBusController.PATH);
  }

  private static ObjectNode call(List<ObjectNode> entries, boolean contentBased) {
    ObjectNode call = Boto3.JSON.createObjectNode().put("EventBusArn", BUS_ARN);
    call.putArray("Entries").addAll(entries.stream().map(ObjectNode::deepCopy).toList());
    if (contentBased) {
      call.putObject("DeduplicationConfiguration").put("DeduplicationType", "CONTENT_BASED");
    }
    return call;
  }

  private static ObjectNode entry(String group, int n, boolean failFirst) {
    ObjectNode entry = entryWithoutId(group, n);
    ((ObjectNode) entry.get("Detail")).put("failFirst", failFirst);
    ((ObjectNode) entry.get("SystemMetadata")).put("DeduplicationId", group + "-" + n);
    return entry;
  }

  private static ObjectNode entryWithoutId(String group, int n) {
    ObjectNode entry =
        Boto3.JSON
            .createObjectNode()
            .put("Source", "com.example.orders")
            .put("DetailType", "OrderEvent");
    entry.putObject("Detail").put("group", group).put("n", n);
    entry.putObject("SystemMetadata").put("EventGroupId", "order-" + group);
    return entry;
  }

  /** Waits until the FIFO subscriber delivered the last event of every group. */
  private Map<String, List<Received>> awaitLastOfEachGroup() {
    Map<String, Integer> last = Map.of("order-A", 4, "order-B", 4, "order-C", 4, "order-D", 2);
    return LocalRuntime.await(
        "the last event of each group at the FIFO subscriber",
        DELIVERY_TIMEOUT,
        () -> {
          Map<String, List<Received>> byGroup;
          synchronized (received) {
            byGroup =
                received.stream()
                    .filter(r -> r.path().equals("/fifo"))
                    .collect(
                        Collectors.groupingBy(
                            r -> r.body().path("SystemMetadata").path("EventGroupId").asText()));
          }
          boolean done =
              last.entrySet().stream()
                  .allMatch(
                      e ->
                          byGroup.getOrDefault(e.getKey(), List.of()).stream()
                              .anyMatch(r -> r.status() == 200 && number(r) == e.getValue()));
          return done ? Optional.of(byGroup) : Optional.empty();
        });
  }

  private List<Received> awaitRequests(String path, int count) {
    return LocalRuntime.await(
        count + " request(s) to " + path,
        DELIVERY_TIMEOUT,
        () -> {
          synchronized (received) {
            List<Received> atPath = received.stream().filter(r -> r.path().equals(path)).toList();
            return atPath.size() >= count ? Optional.of(atPath) : Optional.empty();
          }
        });
  }

  private static int number(Received request) {
    return request.body().path("Data").path("detail").path("n").asInt();
  }

  private static List<Integer> numbers(List<Received> requests) {
    return requests.stream().map(CustomBusBoto3Test::number).toList();
  }

  private static List<Integer> statuses(List<Received> requests) {
    return requests.stream().map(Received::status).toList();
  }

  private static List<String> texts(JsonNode entries, String member) {
    List<String> texts = new ArrayList<>();
    entries.forEach(e -> texts.add(e.path(member).asText()));
    return texts;
  }
}
