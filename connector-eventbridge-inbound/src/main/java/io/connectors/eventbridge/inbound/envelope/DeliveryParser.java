package io.connectors.eventbridge.inbound.envelope;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.connectors.eventbridge.inbound.http.HttpStatus;
import io.connectors.eventbridge.inbound.http.RequestRejected;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Parses a request body into events; anything that is not JSON objects is a 400. */
public final class DeliveryParser {

  /** Bounds nesting so a hostile body cannot exhaust the stack of the tree builder. */
  private static final int MAX_NESTING_DEPTH = 200;

  private final ObjectMapper mapper;
  private final int maxBatchSize;

  public DeliveryParser(int maxBatchSize) {
    this.maxBatchSize = maxBatchSize;
    var factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();
    this.mapper = JsonMapper.builder(factory).build();
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public Delivery parse(byte[] body) {
    JsonNode root;
    try {
      root = body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
    } catch (JacksonException malformed) {
      throw new RequestRejected(HttpStatus.BAD_REQUEST, "malformed JSON");
    } catch (IOException unreadable) {
      throw new RequestRejected(HttpStatus.BAD_REQUEST, "unreadable body");
    }
    if (root == null || root.isMissingNode()) {
      return new Delivery(List.of(mapper.createObjectNode()), false);
    }
    if (root.isObject()) {
      return new Delivery(List.of(root), false);
    }
    if (!root.isArray()) {
      throw new RequestRejected(
          HttpStatus.BAD_REQUEST, "body must be a JSON object or an array of objects");
    }
    if (root.isEmpty()) {
      throw new RequestRejected(HttpStatus.BAD_REQUEST, "empty batch");
    }
    if (root.size() > maxBatchSize) {
      throw new RequestRejected(
          HttpStatus.PAYLOAD_TOO_LARGE, "batch larger than " + maxBatchSize + " events");
    }
    var events = new ArrayList<JsonNode>(root.size());
    for (var element : root) {
      if (!element.isObject()) {
        throw new RequestRejected(
            HttpStatus.BAD_REQUEST, "every batch element must be a JSON object");
      }
      events.add(element);
    }
    return new Delivery(events, true);
  }
}
