package io.connectors.eventbridge.runtime.local.bus.custombus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.eventbridge.outbound.custombus.CborValues;
import io.connectors.eventbridge.outbound.custombus.CustomBusEntry;
import io.connectors.eventbridge.outbound.custombus.CustomBusEntryResult;
import io.connectors.eventbridge.outbound.custombus.CustomBusRequest;
import io.connectors.eventbridge.outbound.custombus.ModeledError;
import io.connectors.eventbridge.outbound.custombus.RequestDeduplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORGenerator;

/**
 * The local bus's side of the Custom Event Bus wire, against botocore 1.43.107: it reads the
 * requests botocore's serializer writes, and boto3's client reads its answers and errors as the
 * model's results and exceptions.
 */
class CustomBusWireTest {

  private static final String BUS_ARN =
      "arn:aws:events:eu-central-1:123456789012:event-busv2/orders/abcdefghijklmnopqrstuvwxy";
  private static final CBORFactory CBOR = new CBORFactory();

  private final CustomBusRequestReader reader =
      new CustomBusRequestReader(new CborValues(CBOR), 1_048_576);
  private final CustomBusAnswerWriter writer = new CustomBusAnswerWriter(CBOR);

  @Test
  void readsTheRequestsBotocoreWrites() throws Exception {
    String longDetail = "{\"text\":\"" + "ü".repeat(5000) + "\"}";
    ObjectNode full = params(false);
    ObjectNode entry = full.withArray("Entries").addObject();
    entry.put("Source", "com.example.orders").put("DetailType", "OrderPlaced");
    entry.put("Detail", "{\"orderId\":\"42\"}");
    entry.putArray("Resources").add("arn:aws:s3:::bucket").add("not-an-arn");
    entry.putObject("Time").put("$epoch", 1767225600.123456);
    entry
        .putObject("SystemMetadata")
        .put("EventGroupId", "order-42")
        .put("DeduplicationId", "job-7");
    full.withArray("Entries")
        .addObject()
        .put("Source", "s")
        .put("DetailType", "d")
        .put("Detail", longDetail);
    ObjectNode contentBased = params(true);
    contentBased.withArray("Entries").addObject().put("Source", "s").put("DetailType", "d");

    List<JsonNode> answers = Boto3.oracle(List.of(request(full), request(contentBased)));

    CustomBusRequest read = reader.read(body(answers.get(0)));
    assertThat(read.eventBusArn()).isEqualTo(BUS_ARN);
    assertThat(read.deduplication()).isEqualTo(RequestDeduplication.BY_ENTRY_ID);
    assertThat(read.entries())
        .containsExactly(
            new CustomBusEntry(
                "com.example.orders",
                "OrderPlaced",
                "{\"orderId\":\"42\"}",
                List.of("arn:aws:s3:::bucket", "not-an-arn"),
                Instant.ofEpochSecond(1767225600, 123_456_000),
                "order-42",
                "job-7"),
            new CustomBusEntry("s", "d", longDetail, List.of(), null, null, null));
    CustomBusRequest readContentBased = reader.read(body(answers.get(1)));
    assertThat(readContentBased.deduplication()).isEqualTo(RequestDeduplication.CONTENT_BASED);
    assertThat(readContentBased.entries())
        .containsExactly(new CustomBusEntry("s", "d", null, List.of(), null, null, null));
  }

  @Test
  void boto3ReadsTheResultsAsTheModelsResult() {
    byte[] answer =
        writer.result(
            List.of(
                new CustomBusEntryResult.Published("id-1", "10000000000000000001"),
                new CustomBusEntryResult.Deduplicated("id-0", "10000000000000000000"),
                new CustomBusEntryResult.Failed("MalformedDetail", "Detail is malformed.")));

    JsonNode read = Boto3.oracle(List.of(answer(200, answer))).get(0);

    assertThat(read.path("result"))
        .isEqualTo(
            Boto3.JSON.valueToTree(
                Map.of(
                    "FailedEntryCount",
                    1,
                    "Entries",
                    List.of(
                        Map.of(
                            "EventId", "id-1",
                            "SequenceNumber", "10000000000000000001",
                            "SuccessCode", "PUBLISHED"),
                        Map.of(
                            "EventId", "id-0",
                            "SequenceNumber", "10000000000000000000",
                            "SuccessCode", "DEDUPLICATED"),
                        Map.of(
                            "ErrorCode", "MalformedDetail",
                            "ErrorMessage", "Detail is malformed.")))));
  }

  @Test
  void boto3RaisesEachModeledErrorAsItsException() {
    List<ObjectNode> commands = new ArrayList<>();
    for (ModeledError error : ModeledError.values()) {
      commands.add(answer(error.httpStatus(), writer.error(error, "because " + error.code())));
    }

    List<JsonNode> read = Boto3.oracle(commands);

    for (int i = 0; i < ModeledError.values().length; i++) {
      ModeledError error = ModeledError.values()[i];
      JsonNode raised = read.get(i).path("error");
      assertThat(raised.path("class").asText()).isEqualTo(error.code());
      assertThat(raised.path("code").asText()).isEqualTo(error.code());
      assertThat(raised.path("message").asText()).isEqualTo("because " + error.code());
      assertThat(raised.path("status").asInt()).isEqualTo(error.httpStatus());
    }
  }

  @Test
  void refusesWhatTheModelForbidsAsInvalidInput() {
    Map<String, Object> valid = entry("s", "d");
    assertRefused(request(BUS_ARN, List.of()), "/Entries", "between 1 and 100");
    assertRefused(
        request(BUS_ARN, Collections.nCopies(101, valid)), "/Entries", "between 1 and 100");
    assertRefused(
        request("arn:aws:events:us-east-1:123456789012:event-bus/orders", List.of(valid)),
        "/EventBusArn",
        "pattern");
    assertRefused(request(BUS_ARN, List.of(entry("", "d"))), "/Entries/0/Source", "between 1");
    assertRefused(
        request(BUS_ARN, List.of(valid, Map.of("Source", "s"))),
        "/Entries/1/DetailType",
        "must not be null");
    assertRefused(
        request(BUS_ARN, List.of(withMetadata("EventGroupId", "g".repeat(129)))),
        "/Entries/0/SystemMetadata/EventGroupId",
        "between 1 and 128");
    assertRefused(
        request(BUS_ARN, List.of(withMetadata("DeduplicationId", " \t "))),
        "/Entries/0/SystemMetadata/DeduplicationId",
        "non-whitespace");
    Map<String, Object> otherDeduplication = request(BUS_ARN, List.of(valid));
    otherDeduplication.put("DeduplicationConfiguration", Map.of("DeduplicationType", "BY_ID"));
    assertRefused(otherDeduplication, "/DeduplicationConfiguration/DeduplicationType", "enum");
    var notCbor =
        catchThrowableOfType(
            CustomBusRequestException.class, () -> reader.read(new byte[] {(byte) 0xff}));
    assertThat(notCbor.error()).isEqualTo(ModeledError.INVALID_INPUT);
  }

  @Test
  void refusesARequestOverTheSizeLimit() {
    var small = new CustomBusRequestReader(new CborValues(CBOR), 100);
    var tooBig =
        catchThrowableOfType(
            CustomBusRequestException.class,
            () ->
                small.read(
                    cbor(request(BUS_ARN, List.of(entry("s", "d"), entry("s", "x".repeat(100)))))));
    assertThat(tooBig.error()).isEqualTo(ModeledError.INVALID_INPUT);
    assertThat(tooBig.getMessage()).contains("over the limit");
  }

  private void assertRefused(Map<String, Object> request, String path, String constraint) {
    var refused =
        catchThrowableOfType(CustomBusRequestException.class, () -> reader.read(cbor(request)));
    assertThat(refused).as("refused: %s", path).isNotNull();
    assertThat(refused.error()).isEqualTo(ModeledError.INVALID_INPUT);
    assertThat(refused.getMessage()).contains("'" + path + "'").contains(constraint);
  }

  private static ObjectNode params(boolean contentBased) {
    ObjectNode params = Boto3.JSON.createObjectNode().put("EventBusArn", BUS_ARN);
    params.putArray("Entries");
    if (contentBased) {
      params.putObject("DeduplicationConfiguration").put("DeduplicationType", "CONTENT_BASED");
    }
    return params;
  }

  private static ObjectNode request(ObjectNode params) {
    ObjectNode command = Boto3.JSON.createObjectNode().put("op", "request");
    command.set("params", params);
    return command;
  }

  private static ObjectNode answer(int status, byte[] body) {
    ObjectNode command =
        Boto3.JSON
            .createObjectNode()
            .put("op", "answer")
            .put("status", status)
            .put("body", Base64.getEncoder().encodeToString(body));
    command.putObject("headers").put("Content-Type", "application/cbor");
    return command;
  }

  private static byte[] body(JsonNode requestAnswer) {
    return Base64.getDecoder().decode(requestAnswer.path("body").asText());
  }

  private static Map<String, Object> request(String busArn, List<Map<String, Object>> entries) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("EventBusArn", busArn);
    request.put("Entries", entries);
    return request;
  }

  private static Map<String, Object> entry(String source, String detailType) {
    return Map.of("Source", source, "DetailType", detailType);
  }

  private static Map<String, Object> withMetadata(String member, String value) {
    return Map.of("Source", "s", "DetailType", "d", "SystemMetadata", Map.of(member, value));
  }

  /** A hand-made request, for what botocore's own validation would not let through. */
  private static byte[] cbor(Object value) {
    var out = new ByteArrayOutputStream();
    try (CBORGenerator cbor = (CBORGenerator) CBOR.createGenerator(out)) {
      write(cbor, value);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }

  private static void write(CBORGenerator cbor, Object value) throws IOException {
    switch (value) {
      case Map<?, ?> map -> {
        cbor.writeStartObject(map, map.size());
        for (var member : map.entrySet()) {
          cbor.writeFieldName((String) member.getKey());
          write(cbor, member.getValue());
        }
        cbor.writeEndObject();
      }
      case List<?> list -> {
        cbor.writeStartArray(list, list.size());
        for (Object item : list) {
          write(cbor, item);
        }
        cbor.writeEndArray();
      }
      case String text -> cbor.writeString(text);
      default -> throw new IllegalArgumentException("not written by this test: " + value);
    }
  }
}
