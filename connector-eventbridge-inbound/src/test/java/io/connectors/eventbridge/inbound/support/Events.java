package io.connectors.eventbridge.inbound.support;

/** EventBridge envelopes as an API destination delivers them. */
public final class Events {

  private Events() {}

  public static String orderPlaced(String id, String orderId) {
    return """
    {"version":"0","id":"%s","detail-type":"OrderPlaced","source":"com.example.orders",\
    "account":"111122223333","time":"2026-01-01T00:00:00Z","region":"eu-west-1",\
    "resources":[],"detail":{"orderId":"%s","amount":42},"unknown-field":{"kept":true}}\
    """
        .formatted(id, orderId);
  }

  /** An envelope of about 2 KB, the size the benchmark and issue use. */
  public static String twoKilobyteEvent() {
    var items = new StringBuilder();
    for (int i = 0; i < 24; i++) {
      if (i > 0) {
        items.append(',');
      }
      items.append(
          "{\"sku\":\"SKU-%05d\",\"quantity\":%d,\"price\":%d.99,\"name\":\"Item number %d\"}"
              .formatted(i, i + 1, 10 + i, i));
    }
    return """
    {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"OrderPlaced",\
    "source":"com.example.orders","account":"111122223333","time":"2026-01-01T00:00:00Z",\
    "region":"eu-west-1","resources":["arn:aws:events:eu-west-1:111122223333:rule/orders"],\
    "detail":{"orderId":"o-123","customer":{"id":"c-9","tier":"gold"},"items":[%s]}}\
    """
        .formatted(items);
  }
}
