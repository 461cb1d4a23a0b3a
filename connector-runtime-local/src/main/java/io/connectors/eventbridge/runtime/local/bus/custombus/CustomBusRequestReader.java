package io.connectors.eventbridge.runtime.local.bus.custombus;

import io.connectors.eventbridge.outbound.custombus.CborValues;
import io.connectors.eventbridge.outbound.custombus.CustomBusEntry;
import io.connectors.eventbridge.outbound.custombus.CustomBusRequest;
import io.connectors.eventbridge.outbound.custombus.ModeledError;
import io.connectors.eventbridge.outbound.custombus.RequestDeduplication;
import io.connectors.eventbridge.putevents.PutEventsRules;
import io.connectors.eventbridge.runtime.local.bus.rules.CustomBusArn;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a Custom Event Bus {@code PutEventsRequest} (Smithy RPC v2 CBOR) and checks it against the
 * constraints of the service model (botocore's {@code eventbridgev2/2025-05-15}): required members,
 * lengths, the bus ARN and deduplication ID patterns, 1 to 100 entries. As a Smithy service does, a
 * request that breaks any of them is refused as a whole ({@code InvalidInputException}, the model's
 * 400); members the model does not know are ignored. Checks of an entry's content that the model
 * cannot express (Detail must be a JSON object, a reserved source) are left to the bus, which
 * answers them per entry.
 */
public final class CustomBusRequestReader {

  /** The model's {@code EventDeduplicationId} pattern: at least one non-blank character. */
  private static final Pattern DEDUPLICATION_ID =
      Pattern.compile(
          "[\\s\\S]*[^\\u0009-\\u000D\\u001C-\\u0020\\u1680\\u2000-\\u2006\\u2008-\\u200A"
              + "\\u2028\\u2029\\u205F\\u3000][\\s\\S]*");

  static final int MAX_ENTRIES = 100;
  private static final int MAX_RESOURCES = 100;

  private final CborValues cbor;
  private final int maxRequestBytes;

  public CustomBusRequestReader(CborValues cbor, int maxRequestBytes) {
    this.cbor = cbor;
    this.maxRequestBytes = maxRequestBytes;
  }

  public CustomBusRequest read(byte[] body) throws CustomBusRequestException {
    Map<String, Object> request = map(decode(body), "");
    String busArn = text(request, "EventBusArn", "", 1, 1011);
    if (busArn == null) {
      throw missing("/EventBusArn");
    }
    if (CustomBusArn.parse(busArn).isEmpty()) {
      throw invalid("/EventBusArn", "Member must satisfy the model's event-busv2 ARN pattern");
    }
    Object entriesValue = request.get("Entries");
    if (entriesValue == null) {
      throw missing("/Entries");
    }
    if (!(entriesValue instanceof List<?> entriesList)) {
      throw invalid("/Entries", "Member must be a list");
    }
    if (entriesList.isEmpty() || entriesList.size() > MAX_ENTRIES) {
      throw invalid(
          "/Entries",
          "Member must have length between 1 and "
              + MAX_ENTRIES
              + " (got "
              + entriesList.size()
              + ")");
    }
    var entries = new ArrayList<CustomBusEntry>(entriesList.size());
    for (int i = 0; i < entriesList.size(); i++) {
      entries.add(entry(map(entriesList.get(i), "/Entries/" + i), "/Entries/" + i));
    }
    long size = entries.stream().mapToLong(CustomBusRequestReader::sizeOf).sum();
    if (size > maxRequestBytes) {
      throw new CustomBusRequestException(
          ModeledError.INVALID_INPUT,
          "Total size of the entries in the request is over the limit (%d > %d bytes)"
              .formatted(size, maxRequestBytes));
    }
    return new CustomBusRequest(busArn, entries, deduplication(request));
  }

  /** AWS's PutEvents size formula, the one the classic bus and the connector apply too. */
  static long sizeOf(CustomBusEntry entry) {
    return PutEventsRules.entrySize(
        entry.time() != null,
        entry.source(),
        entry.detailType(),
        entry.detail(),
        entry.resources());
  }

  private Object decode(byte[] body) throws CustomBusRequestException {
    if (body == null || body.length == 0) {
      throw new CustomBusRequestException(ModeledError.INVALID_INPUT, "The request body is empty");
    }
    try {
      return cbor.read(body);
    } catch (IOException notReadable) {
      // The parser's message is not repeated: it could quote the caller's bytes.
      throw new CustomBusRequestException(
          ModeledError.INVALID_INPUT, "The request body is not CBOR the model can read");
    }
  }

  private static CustomBusEntry entry(Map<String, Object> entry, String path)
      throws CustomBusRequestException {
    String source = required(entry, "Source", path, 1, 256);
    String detailType = required(entry, "DetailType", path, 1, 128);
    String detail = text(entry, "Detail", path, 0, Integer.MAX_VALUE);
    List<String> resources = resources(entry.get("Resources"), path + "/Resources");
    Instant time = time(entry.get("Time"), path + "/Time");
    String eventGroupId = null;
    String deduplicationId = null;
    Object metadataValue = entry.get("SystemMetadata");
    if (metadataValue != null) {
      Map<String, Object> metadata = map(metadataValue, path + "/SystemMetadata");
      String metadataPath = path + "/SystemMetadata";
      eventGroupId = text(metadata, "EventGroupId", metadataPath, 1, 128);
      deduplicationId = text(metadata, "DeduplicationId", metadataPath, 1, 128);
      if (deduplicationId != null && !DEDUPLICATION_ID.matcher(deduplicationId).matches()) {
        throw invalid(
            metadataPath + "/DeduplicationId", "Member must contain a non-whitespace character");
      }
    }
    return new CustomBusEntry(
        source, detailType, detail, resources, time, eventGroupId, deduplicationId);
  }

  private static RequestDeduplication deduplication(Map<String, Object> request)
      throws CustomBusRequestException {
    Object configuration = request.get("DeduplicationConfiguration");
    if (configuration == null) {
      return RequestDeduplication.BY_ENTRY_ID;
    }
    String path = "/DeduplicationConfiguration";
    String type =
        required(map(configuration, path), "DeduplicationType", path, 1, Integer.MAX_VALUE);
    if (!RequestDeduplication.CONTENT_BASED.name().equals(type)) {
      throw invalid(
          path + "/DeduplicationType", "Member must satisfy enum value set: [CONTENT_BASED]");
    }
    return RequestDeduplication.CONTENT_BASED;
  }

  private static List<String> resources(Object value, String path)
      throws CustomBusRequestException {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw invalid(path, "Member must be a list");
    }
    if (list.size() > MAX_RESOURCES) {
      throw invalid(path, "Member must have length less than or equal to " + MAX_RESOURCES);
    }
    var resources = new ArrayList<String>(list.size());
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String resource)) {
        throw invalid(path + "/" + i, "Member must be a string");
      }
      if (resource.length() > 2048) {
        throw invalid(path + "/" + i, "Member must have length less than or equal to 2048");
      }
      resources.add(resource);
    }
    return resources;
  }

  /**
   * botocore writes a timestamp as tag 1 on epoch seconds, which CborValues reads as an Instant.
   */
  private static Instant time(Object value, String path) throws CustomBusRequestException {
    return switch (value) {
      case null -> null;
      case Instant instant -> instant;
      default -> throw invalid(path, "Member must be a timestamp");
    };
  }

  private static String required(
      Map<String, Object> map, String member, String path, int min, int max)
      throws CustomBusRequestException {
    String value = text(map, member, path, min, max);
    if (value == null) {
      throw missing(path + "/" + member);
    }
    return value;
  }

  private static String text(Map<String, Object> map, String member, String path, int min, int max)
      throws CustomBusRequestException {
    Object value = map.get(member);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw invalid(path + "/" + member, "Member must be a string");
    }
    // The model's lengths count characters (code points), as Smithy's length trait does.
    int length = text.codePointCount(0, text.length());
    if (length < min || length > max) {
      throw invalid(
          path + "/" + member,
          max == Integer.MAX_VALUE
              ? "Member must have length greater than or equal to " + min
              : "Member must have length between " + min + " and " + max);
    }
    return text;
  }

  private static Map<String, Object> map(Object value, String path)
      throws CustomBusRequestException {
    if (value instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked") // CborValues makes maps with text keys only.
      Map<String, Object> members = (Map<String, Object>) map;
      return members;
    }
    throw invalid(path.isEmpty() ? "/" : path, "Member must be a structure");
  }

  private static CustomBusRequestException missing(String path) {
    return invalid(path, "Member must not be null");
  }

  private static CustomBusRequestException invalid(String path, String constraint) {
    return new CustomBusRequestException(
        ModeledError.INVALID_INPUT,
        "1 validation error detected: Value at '"
            + path
            + "' failed to satisfy constraint: "
            + constraint);
  }
}
