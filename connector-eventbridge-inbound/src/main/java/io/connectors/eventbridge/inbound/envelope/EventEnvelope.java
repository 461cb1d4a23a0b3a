package io.connectors.eventbridge.inbound.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The EventBridge envelope fields of one event, read leniently: any field may be missing and
 * unknown fields are ignored, so Control Room webhooks and input-transformed events pass too. The
 * full event is still handed to the process as {@code request.body}.
 */
public record EventEnvelope(
    String version,
    String id,
    String detailType,
    String source,
    String account,
    String time,
    String region,
    List<String> resources,
    JsonNode detail) {

  public static EventEnvelope of(JsonNode event) {
    return new EventEnvelope(
        text(event, "version"),
        text(event, "id"),
        text(event, "detail-type"),
        text(event, "source"),
        text(event, "account"),
        text(event, "time"),
        text(event, "region"),
        resources(event.get("resources")),
        event.get("detail"));
  }

  private static String text(JsonNode event, String field) {
    var value = event.get(field);
    return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  private static List<String> resources(JsonNode node) {
    if (node == null || !node.isArray()) {
      return List.of();
    }
    var list = new ArrayList<String>(node.size());
    node.forEach(element -> list.add(element.asText()));
    return List.copyOf(list);
  }
}
