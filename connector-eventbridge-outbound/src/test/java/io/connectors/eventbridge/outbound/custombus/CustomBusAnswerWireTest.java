package io.connectors.eventbridge.outbound.custombus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.eventbridge.testsupport.Answer;
import io.connectors.eventbridge.testsupport.FakeEventBridge;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.regions.Region;

/**
 * Answers written with botocore's CBOR serializer (or raw, as a proxy sends them), served as they
 * are by the fake bus and read by us and by boto3's own client: we read what botocore reads,
 * results and errors alike.
 */
class CustomBusAnswerWireTest {

  private static final String ARN =
      "arn:aws:events:us-east-1:123456789012:event-busv2/orders/abcdefghijklmnopqrstuvwxy";
  private static final Map<String, String> CBOR_HEADERS =
      Map.of("Content-Type", "application/cbor", "x-amzn-RequestId", "req-7");

  // JUnit makes an instance per test: each test has its own fake and clients.
  private final TestClients clients = new TestClients();
  private final FakeEventBridge bus = FakeEventBridge.start();
  private final CustomBusPutEvents client =
      clients.withoutRetries(TestClients.endpointOf(bus), Region.US_EAST_1, "AKID");

  @AfterEach
  void stop() {
    clients.close();
    bus.close();
  }

  static Stream<Arguments> results() {
    return Stream.of(
        Arguments.of(
            "every entry published",
            """
            {"FailedEntryCount": 0, "Entries": [
              {"EventId": "e-1", "SequenceNumber": "10000000000000000001", "SuccessCode": "PUBLISHED"},
              {"EventId": "e-2", "SequenceNumber": "10000000000000000002", "SuccessCode": "PUBLISHED"}]}
            """),
        Arguments.of(
            "published, deduplicated and failed",
            """
            {"FailedEntryCount": 1, "Entries": [
              {"EventId": "e-1", "SequenceNumber": "1", "SuccessCode": "PUBLISHED"},
              {"EventId": "e-0", "SequenceNumber": "0", "SuccessCode": "DEDUPLICATED"},
              {"ErrorCode": "InternalFailure", "ErrorMessage": "try again"}]}
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("results")
  void readsResultsAsBotocoreDoes(String name, String response) throws Exception {
    JsonNode value = Botocore.JSON.readTree(response);
    byte[] body = encoded(Botocore.command("encode").set("value", value));
    bus.answerCallsWith(new Answer(200, CBOR_HEADERS, body));

    CustomBusResult ours = client.putEvents(request(value.get("Entries").size()));
    JsonNode botocore = Botocore.run(answerCommand(200, CBOR_HEADERS, body));

    assertThat(asBotocoreResult(ours)).isEqualTo(botocore.get("result"));
    assertThat(ours.requestId()).isEqualTo("req-7");
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(
            "modeled, with a namespace",
            429,
            cbor(
                "{\"__type\": \"com.amazonaws.eventbridgev2#ThrottlingException\","
                    + " \"message\": \"Rate exceeded\"}"),
            ModeledError.THROTTLING),
        Arguments.of(
            "modeled, with a colon suffix and a capitalised Message",
            400,
            cbor(
                "{\"__type\": \"InvalidInputException:http://internal.amazon.com/coral/\","
                    + " \"Message\": \"Entries must not be empty\"}"),
            ModeledError.INVALID_INPUT),
        Arguments.of(
            "modeled, without a message",
            409,
            cbor("{\"__type\": \"com.amazonaws.eventbridgev2#InvalidStateException\"}"),
            ModeledError.INVALID_STATE),
        Arguments.of(
            "unmodeled code",
            400,
            cbor(
                "{\"__type\": \"com.amazonaws.eventbridgev2#UnrecognizedClientException\","
                    + " \"message\": \"The security token included in the request is invalid.\"}"),
            null),
        Arguments.of(
            "no __type: named by the status", 502, cbor("{\"message\": \"gateway\"}"), null),
        Arguments.of("an empty 5xx", 503, new byte[0], null),
        Arguments.of(
            "a proxy's HTML page",
            500,
            "<html><body>Internal Server Error</body></html>".getBytes(StandardCharsets.UTF_8),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void readsErrorsAsBotocoreDoes(String name, int status, byte[] body, ModeledError modeled) {
    bus.answerCallsWith(new Answer(status, CBOR_HEADERS, body));

    CustomBusServiceException ours =
        catchThrowableOfType(CustomBusServiceException.class, () -> client.putEvents(request(1)));
    JsonNode botocore = Botocore.run(answerCommand(status, CBOR_HEADERS, body)).get("error");

    assertThat(ours.httpStatus()).isEqualTo(botocore.get("status").asInt()).isEqualTo(status);
    assertThat(ours.errorCode()).isEqualTo(botocore.get("code").asText());
    // botocore leaves the request ID out of a generic (non-CBOR) error; we keep the header's.
    assertThat(ours.requestId()).contains("req-7");
    if (!botocore.get("requestId").isNull()) {
      assertThat(botocore.get("requestId").asText()).isEqualTo("req-7");
    }
    assertThat(ours.modeledError()).isEqualTo(java.util.Optional.ofNullable(modeled));
    assertThat(botocore.get("class").asText())
        .as("boto3's exception class")
        .isEqualTo(modeled == null ? "ClientError" : modeled.code());
    if (body.length > 0 && body[0] != '<') {
      assertThat(ours.serviceMessage().orElse("")).isEqualTo(botocore.get("message").asText());
    }
    ours.serviceMessage()
        .ifPresent(
            serviceText ->
                assertThat(ours.getMessage())
                    .as("our own words, without the service's text")
                    .doesNotContain(serviceText));
  }

  private static byte[] cbor(String errorJson) {
    try {
      return encoded(Botocore.command("encode").set("error", Botocore.JSON.readTree(errorJson)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] encoded(ObjectNode command) {
    return Base64.getDecoder().decode(Botocore.run(command).get("body").asText());
  }

  private static ObjectNode answerCommand(int status, Map<String, String> headers, byte[] body) {
    ObjectNode command =
        Botocore.command("answer")
            .put("status", status)
            .put("body", Base64.getEncoder().encodeToString(body));
    headers.forEach(command.putObject("headers")::put);
    command.set("params", BotocoreParams.of(request(1)));
    return command;
  }

  private static CustomBusRequest request(int entries) {
    return new CustomBusRequest(
        ARN,
        IntStream.range(0, entries)
            .mapToObj(i -> new CustomBusEntry("com.example", "Ping", "{}", null, null, null, null))
            .toList(),
        RequestDeduplication.BY_ENTRY_ID);
  }

  private static ObjectNode asBotocoreResult(CustomBusResult result) {
    ObjectNode json = Botocore.JSON.createObjectNode();
    json.put("FailedEntryCount", result.failedEntryCount());
    ArrayNode entries = json.putArray("Entries");
    for (CustomBusEntryResult entry : result.entries()) {
      ObjectNode item = entries.addObject();
      switch (entry) {
        case CustomBusEntryResult.Published published ->
            item.put("EventId", published.eventId())
                .put("SequenceNumber", published.sequenceNumber())
                .put("SuccessCode", "PUBLISHED");
        case CustomBusEntryResult.Deduplicated deduplicated ->
            item.put("EventId", deduplicated.eventId())
                .put("SequenceNumber", deduplicated.sequenceNumber())
                .put("SuccessCode", "DEDUPLICATED");
        case CustomBusEntryResult.Failed failed ->
            item.put("ErrorCode", failed.errorCode()).put("ErrorMessage", failed.errorMessage());
      }
    }
    return json;
  }
}
