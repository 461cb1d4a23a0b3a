package io.connectors.eventbridge.inbound.support;

/**
 * What a Custom Event Bus subscriber's HTTP target receives for an event published with {@code
 * PutEvents}. The bus stores such an event as the classic envelope and delivers that envelope as
 * the event's {@code Data}: alone with the {@code RAW} transformer, wrapped with {@code Metadata}
 * (absent for {@code PutEvents}) and {@code SystemMetadata} with {@code WITH_METADATA}.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-transform.html,
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-addressing.html
 */
public final class SubscriberDeliveries {

  private SubscriberDeliveries() {}

  /** {@code RAW}: the event's data, the same envelope an API destination delivers. */
  public static String raw(String dataId, String orderId) {
    return Events.orderPlaced(dataId, orderId);
  }

  /** {@code WITH_METADATA}, first delivery ({@code aws:DeliveryType} {@code LIVE}). */
  public static String withMetadata(String busEventId, String dataId, String orderId) {
    return withMetadata(busEventId, dataId, orderId, "LIVE");
  }

  /**
   * @param deliveryType {@code LIVE}, or {@code REPLAY} for a subscriber created with a {@code
   *     POINT_IN_TIME} starting position
   */
  public static String withMetadata(
      String busEventId, String dataId, String orderId, String deliveryType) {
    return """
    {"Data":%s,"SystemMetadata":{"ContentType":"application/eventbridge+json",\
    "aws:EventId":"%s","aws:IngestionTime":"2026-10-01T12:00:00Z","aws:DeliveryType":"%s",\
    "aws:SequenceNumber":"10000000000000003000","aws:Source":"com.example.orders",\
    "aws:DetailType":"OrderPlaced","EventGroupId":"order-%s"}}\
    """
        .formatted(Events.orderPlaced(dataId, orderId), busEventId, deliveryType, orderId);
  }

  /** A classic bus's archive replay of an API-destination event: {@code replay-name} is set. */
  public static String archiveReplay(String dataId, String orderId, String replayName) {
    var event = Events.orderPlaced(dataId, orderId);
    return event.substring(0, event.length() - 1) + ",\"replay-name\":\"" + replayName + "\"}";
  }
}
