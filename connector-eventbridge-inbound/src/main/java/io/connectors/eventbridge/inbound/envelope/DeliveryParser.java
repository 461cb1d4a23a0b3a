package io.connectors.eventbridge.inbound.envelope;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a request body into events: exactly one JSON object, or a non-empty array of objects, and
 * nothing after it. Anything else is a 400: a second value after the first ({@code {..}{..}}) would
 * otherwise be dropped silently, and a duplicate key would be read differently by the signer and by
 * us.
 */
public final class DeliveryParser {

  /** Bounds nesting so a hostile body cannot exhaust the stack of the tree builder. */
  private static final int MAX_NESTING_DEPTH = 200;

  private final ObjectMapper mapper;
  private final ObjectReader strictReader;
  private final int maxBatchSize;

  public DeliveryParser(int maxBatchSize) {
    this.maxBatchSize = maxBatchSize;
    var factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();
    // Duplicate keys are caught by the tree builder as it inserts them (no cost when there is
    // none); the parser's own detection would keep a second set of names per object. On the
    // mapper, so that the decrypted payload, read with it too, is held to the same rule.
    this.mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    this.strictReader =
        mapper.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** Empty or only JSON whitespace: no event at all. */
  public static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public Delivery parse(byte[] body) {
    JsonNode root;
    try {
      root = isBlank(body) ? null : strictReader.readValue(body);
    } catch (JacksonException malformed) {
      throw new RequestRejected(WebhookStatus.BAD_REQUEST, "malformed JSON");
    } catch (IOException unreadable) {
      throw new RequestRejected(WebhookStatus.BAD_REQUEST, "unreadable body");
    }
    if (root == null || root.isMissingNode()) {
      throw new RequestRejected(WebhookStatus.BAD_REQUEST, "body required");
    }
    if (root.isObject()) {
      return new Delivery(List.of(root), false);
    }
    if (!root.isArray()) {
      throw new RequestRejected(
          WebhookStatus.BAD_REQUEST, "body must be a JSON object or an array of objects");
    }
    if (root.isEmpty()) {
      throw new RequestRejected(WebhookStatus.BAD_REQUEST, "empty batch");
    }
    if (root.size() > maxBatchSize) {
      throw new RequestRejected(
          WebhookStatus.PAYLOAD_TOO_LARGE, "batch larger than " + maxBatchSize + " events");
    }
    var events = new ArrayList<JsonNode>(root.size());
    for (var element : root) {
      if (!element.isObject()) {
        throw new RequestRejected(
            WebhookStatus.BAD_REQUEST, "every batch element must be a JSON object");
      }
      events.add(element);
    }
    return new Delivery(events, true);
  }
}
