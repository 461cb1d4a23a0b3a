package io.connectors.eventbridge.outbound.custombus;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.temporal.ChronoUnit;

/** A request of ours as the keyword arguments of boto3's {@code put_events}. */
final class BotocoreParams {

  private BotocoreParams() {}

  static ObjectNode of(CustomBusRequest request) {
    ObjectNode params = Botocore.JSON.createObjectNode().put("EventBusArn", request.eventBusArn());
    ArrayNode entries = params.putArray("Entries");
    for (CustomBusEntry entry : request.entries()) {
      ObjectNode item = entries.addObject();
      item.put("Source", entry.source()).put("DetailType", entry.detailType());
      if (entry.detail() != null) {
        item.put("Detail", entry.detail());
      }
      if (!entry.resources().isEmpty()) {
        entry.resources().forEach(item.putArray("Resources")::add);
      }
      if (entry.time() != null) {
        // An ISO text, which botocore parses to a datetime, keeps every microsecond exact.
        item.put("Time", entry.time().truncatedTo(ChronoUnit.MICROS).toString());
      }
      if (entry.eventGroupId() != null || entry.deduplicationId() != null) {
        ObjectNode metadata = item.putObject("SystemMetadata");
        if (entry.eventGroupId() != null) {
          metadata.put("EventGroupId", entry.eventGroupId());
        }
        if (entry.deduplicationId() != null) {
          metadata.put("DeduplicationId", entry.deduplicationId());
        }
      }
    }
    switch (request.deduplication()) {
      case BY_ENTRY_ID -> {}
      case CONTENT_BASED ->
          params.putObject("DeduplicationConfiguration").put("DeduplicationType", "CONTENT_BASED");
    }
    return params;
  }
}
