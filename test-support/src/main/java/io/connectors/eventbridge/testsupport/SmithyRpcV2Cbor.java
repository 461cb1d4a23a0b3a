package io.connectors.eventbridge.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORGenerator;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORParser;

/**
 * PutEvents on a Custom Event Bus, in Smithy RPC v2 CBOR: {@code POST
 * .../service/AWSEventsV2/operation/PutEvents} with {@code smithy-protocol: rpc-v2-cbor} (any path
 * in front, as an endpoint override may have one). Answers carry each entry's EventId,
 * SequenceNumber and SuccessCode, errors a namespaced {@code __type}, as the service sends them.
 */
record SmithyRpcV2Cbor() implements WireProtocol {

  static final String PATH = "/service/AWSEventsV2/operation/PutEvents";
  static final String CONTENT_TYPE = "application/cbor";
  private static final String PROTOCOL_HEADER = "smithy-protocol";
  private static final String PROTOCOL = "rpc-v2-cbor";
  private static final String ERROR_NAMESPACE = "com.amazonaws.eventbridgev2#";
  private static final CBORFactory CBOR = new CBORFactory();

  @Override
  public boolean carries(RecordedRequest request) {
    return "POST".equals(request.method())
        && request.path().endsWith(PATH)
        && PROTOCOL.equals(request.header(PROTOCOL_HEADER));
  }

  @Override
  public List<SentEntry> entries(byte[] body) {
    Map<?, ?> request = (Map<?, ?>) read(body);
    boolean contentBased =
        request.get("DeduplicationConfiguration") instanceof Map<?, ?> configuration
            && "CONTENT_BASED".equals(configuration.get("DeduplicationType"));
    String busArn = (String) request.get("EventBusArn");
    List<SentEntry> entries = new ArrayList<>();
    List<?> items = request.get("Entries") instanceof List<?> list ? list : List.of();
    for (Object item : items) {
      Map<?, ?> entry = (Map<?, ?>) item;
      entries.add(
          SentEntry.of(
              busArn,
              (String) entry.get("Source"),
              (String) entry.get("DetailType"),
              (String) entry.get("Detail"),
              contentBased ? "content:" + contentOf(entry) : idOf(entry)));
    }
    return entries;
  }

  /** The entry as the bus hashes it for content-based deduplication: everything but metadata. */
  private static String contentOf(Map<?, ?> entry) {
    Map<Object, Object> content = new LinkedHashMap<>(entry);
    content.remove("SystemMetadata");
    return content.toString();
  }

  private static String idOf(Map<?, ?> entry) {
    return entry.get("SystemMetadata") instanceof Map<?, ?> metadata
            && metadata.get("DeduplicationId") instanceof String id
        ? "id:" + id
        : null;
  }

  /** Decodes the body: no benchmark sends CBOR, so counting need not be cheaper than that. */
  @Override
  public int countEntries(byte[] body) {
    return entries(body).size();
  }

  @Override
  public Answer answer(List<EntryOutcome> outcomes) {
    int failed = 0;
    List<Map<String, Object>> entries = new ArrayList<>(outcomes.size());
    for (EntryOutcome outcome : outcomes) {
      Map<String, Object> entry = new LinkedHashMap<>();
      switch (outcome) {
        case EntryOutcome.Accepted accepted -> {
          entry.put("EventId", accepted.eventId());
          entry.put("SequenceNumber", accepted.sequenceNumber());
          entry.put("SuccessCode", accepted.deduplicated() ? "DEDUPLICATED" : "PUBLISHED");
        }
        case EntryOutcome.Rejected rejected -> {
          failed++;
          entry.put("ErrorCode", rejected.error().code());
          entry.put("ErrorMessage", rejected.error().message());
        }
      }
      entries.add(entry);
    }
    return answer(200, Map.of("Entries", entries, "FailedEntryCount", failed));
  }

  @Override
  public Answer error(CallError error) {
    return answer(
        error.status(),
        Map.of("__type", ERROR_NAMESPACE + error.type(), error.messageField(), error.message()));
  }

  private static Answer answer(int status, Map<String, Object> body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CBORGenerator cbor = CBOR.createGenerator(out)) {
      write(cbor, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Answer(
        status, Map.of("Content-Type", CONTENT_TYPE, PROTOCOL_HEADER, PROTOCOL), out.toByteArray());
  }

  private static void write(CBORGenerator cbor, Object value) throws IOException {
    switch (value) {
      case Map<?, ?> map -> {
        cbor.writeStartObject();
        for (var member : map.entrySet()) {
          cbor.writeFieldName((String) member.getKey());
          write(cbor, member.getValue());
        }
        cbor.writeEndObject();
      }
      case List<?> list -> {
        cbor.writeStartArray();
        for (Object item : list) {
          write(cbor, item);
        }
        cbor.writeEndArray();
      }
      case Integer number -> cbor.writeNumber(number);
      default -> cbor.writeString((String) value);
    }
  }

  /**
   * Maps, lists, text and byte strings, numbers and booleans, tags ignored: enough to read the
   * members the fake looks at.
   */
  private static Object read(byte[] body) {
    try (CBORParser parser = CBOR.createParser(body)) {
      return value(parser, parser.nextToken());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object value(CBORParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          map.put(name, value(parser, parser.nextToken()));
        }
        yield map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        JsonToken item;
        while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
          list.add(value(parser, item));
        }
        yield list;
      }
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
      case VALUE_TRUE, VALUE_FALSE -> parser.getBooleanValue();
      case VALUE_EMBEDDED_OBJECT -> parser.getBinaryValue();
      case VALUE_NULL -> null;
      default -> throw new IOException("unexpected CBOR token " + token);
    };
  }
}
