package io.connectors.eventbridge.inbound.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event as the later stages see it, whatever form it came in.
 *
 * @param data the event itself: what the event pattern is matched against (as a subscriber's {@code
 *     DATA} scope is), what is decrypted, and what becomes {@code request.body}; for a {@code
 *     WITH_METADATA} delivery its {@code Data}
 * @param eventId the message ID and the answer's {@code eventId}: {@code
 *     SystemMetadata."aws:EventId"} of a {@code WITH_METADATA} delivery, otherwise the event's own
 *     {@code id}; null when there is none
 * @param replay whether the sender marks the event as replayed
 * @param subscriber what a {@code WITH_METADATA} delivery adds to the data; null for the other
 *     forms
 */
public record DeliveredEvent(
    ObjectNode data, String eventId, Replay replay, SubscriberMetadata subscriber) {

  /** {@code Metadata} (only {@code PutRawEvents} sets it) and {@code SystemMetadata}, as sent. */
  public record SubscriberMetadata(JsonNode metadata, ObjectNode systemMetadata) {}

  public boolean replayed() {
    return !(replay instanceof Replay.Live);
  }

  /**
   * What the element's expressions find under {@code connectorData} beside a batch's {@code
   * batchIndex} and {@code batchSize}. Nothing for a live event that came as itself, so such events
   * see exactly what they saw before replays and subscriber metadata were recognised.
   */
  public Map<String, Object> connectorData() {
    var data = new LinkedHashMap<String, Object>();
    if (subscriber != null) {
      var system = subscriber.systemMetadata();
      data.put("deliveryFormat", "WITH_METADATA");
      putText(data, "eventId", eventId);
      putText(data, "deliveryType", text(system, "aws:DeliveryType"));
      putText(data, "sequenceNumber", text(system, "aws:SequenceNumber"));
      putText(data, "eventGroupId", text(system, "EventGroupId"));
      putText(data, "deduplicationId", text(system, "DeduplicationId"));
      putText(data, "ingestionTime", text(system, "aws:IngestionTime"));
      if (subscriber.metadata() != null) {
        data.put("metadata", subscriber.metadata());
      }
      data.put("systemMetadata", system);
      data.put("replay", replayed());
    }
    switch (replay) {
      case Replay.Live live -> {}
      case Replay.SubscriberReplay subscriberReplay -> data.put("replay", true);
      case Replay.ArchiveReplay archive -> {
        data.put("replay", true);
        data.put("replayName", archive.replayName());
      }
    }
    return data;
  }

  static String text(JsonNode node, String field) {
    var value = node == null ? null : node.get(field);
    return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  private static void putText(Map<String, Object> data, String key, String value) {
    if (value != null) {
      data.put(key, value);
    }
  }
}
