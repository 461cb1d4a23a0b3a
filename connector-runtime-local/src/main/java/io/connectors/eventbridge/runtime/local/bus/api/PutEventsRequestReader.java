package io.connectors.eventbridge.runtime.local.bus.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.eventbridge.putevents.PutEventsRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a PutEvents request body the way EventBridge does: problems with the request as a whole
 * (not JSON, wrong types, 0 or more than 10 entries, over the size limit) fail the whole request;
 * problems of a single entry are left to {@link PutEventsEntryValidator}.
 */
public final class PutEventsRequestReader {

  public static final int MAX_ENTRIES = PutEventsRules.MAX_ENTRIES;

  private final ObjectMapper mapper;
  private final int maxRequestBytes;

  public PutEventsRequestReader(ObjectMapper mapper, int maxRequestBytes) {
    this.mapper = mapper;
    this.maxRequestBytes = maxRequestBytes;
  }

  public List<PutEventsEntry> read(byte[] body) throws MalformedRequestException {
    JsonNode root = parse(body);
    if (!root.isObject()) {
      throw serialization("Request body must be a JSON object");
    }
    JsonNode entriesNode = root.get("Entries");
    if (entriesNode == null || entriesNode.isNull()) {
      throw validation(
          "1 validation error detected: Value null at 'entries' failed to satisfy constraint:"
              + " Member must not be null");
    }
    if (!entriesNode.isArray()) {
      throw serialization("Entries must be a list");
    }
    if (!PutEventsRules.isValidEntryCount(entriesNode.size())) {
      throw validation(
          "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member"
              + " must have length between 1 and "
              + MAX_ENTRIES
              + " (got "
              + entriesNode.size()
              + ")");
    }
    var entries = new ArrayList<PutEventsEntry>(entriesNode.size());
    for (JsonNode entry : entriesNode) {
      entries.add(entry(entry));
    }
    long size = entries.stream().mapToLong(PutEventsRequestReader::sizeOf).sum();
    if (size > maxRequestBytes) {
      throw validation(
          "Total size of the entries in the request is over the limit (%d > %d bytes)"
              .formatted(size, maxRequestBytes));
    }
    return entries;
  }

  /** The entry's size by AWS's formula ({@link PutEventsRules#entrySize}). */
  public static long sizeOf(PutEventsEntry entry) {
    return PutEventsRules.entrySize(
        entry.time() != null && !entry.time().isNull(),
        entry.source(),
        entry.detailType(),
        entry.detail(),
        entry.resources());
  }

  private JsonNode parse(byte[] body) throws MalformedRequestException {
    if (body == null || body.length == 0) {
      throw serialization("Request body is empty");
    }
    try {
      JsonNode root = mapper.readTree(body);
      if (root == null || root.isMissingNode()) {
        throw serialization("Request body is empty");
      }
      return root;
    } catch (JsonProcessingException e) {
      // Never echo the body: it is the caller's data.
      throw serialization(
          "Request body is not valid JSON (line %d, column %d)"
              .formatted(e.getLocation().getLineNr(), e.getLocation().getColumnNr()));
    } catch (IOException e) {
      throw serialization("Request body could not be read");
    }
  }

  private static PutEventsEntry entry(JsonNode node) throws MalformedRequestException {
    if (!node.isObject()) {
      throw serialization("Each entry must be a JSON object");
    }
    return new PutEventsEntry(
        text(node, "Source"),
        text(node, "DetailType"),
        text(node, "Detail"),
        text(node, "EventBusName"),
        textList(node, "Resources"),
        node.get("Time") == null || node.get("Time").isNull() ? null : node.get("Time"),
        text(node, "TraceHeader"));
  }

  private static String text(JsonNode entry, String field) throws MalformedRequestException {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw serialization(field + " must be a string");
    }
    return value.textValue();
  }

  private static List<String> textList(JsonNode entry, String field)
      throws MalformedRequestException {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw serialization(field + " must be a list of strings");
    }
    var list = new ArrayList<String>(value.size());
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw serialization(field + " must be a list of strings");
      }
      list.add(item.textValue());
    }
    return list;
  }

  private static MalformedRequestException serialization(String message) {
    return new MalformedRequestException(AwsErrorResponse.serialization(message));
  }

  private static MalformedRequestException validation(String message) {
    return new MalformedRequestException(AwsErrorResponse.validation(message));
  }
}
