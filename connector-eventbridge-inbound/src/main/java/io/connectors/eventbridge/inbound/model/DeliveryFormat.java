package io.connectors.eventbridge.inbound.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.camunda.connector.generator.java.annotation.TemplateDiscriminatorProperty;
import io.camunda.connector.generator.java.annotation.TemplateSubType;

/**
 * The body form a sender delivers events in. A Custom Event Bus subscriber's transformer decides it
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-transform.html): {@code
 * RAW} delivers the event's data alone, which for an event published with {@code PutEvents} is the
 * same envelope an API destination of the classic bus sends; {@code WITH_METADATA} wraps it as
 * {@code {Data, Metadata, SystemMetadata}}
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-addressing.html).
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    property = "type",
    defaultImpl = DeliveryFormat.Recognise.class)
@JsonSubTypes({
  @JsonSubTypes.Type(value = DeliveryFormat.Recognise.class, name = Defaults.DELIVERY_FORMAT),
  @JsonSubTypes.Type(value = DeliveryFormat.Raw.class, name = "raw"),
  @JsonSubTypes.Type(value = DeliveryFormat.WithMetadata.class, name = "withMetadata")
})
@TemplateDiscriminatorProperty(
    name = "type",
    id = "deliveryFormat",
    label = "Delivery format",
    group = "delivery",
    description =
        "<code>Recognise</code> reads each event's form from the delivery: a"
            + " <code>WITH_METADATA</code> subscriber's <code>{Data, Metadata, SystemMetadata}</code>"
            + " or anything else as the event itself (API destinations, <code>RAW</code>"
            + " subscribers, signed webhooks). Choose <code>RAW</code> for a <code>RAW</code> or"
            + " <code>JSONATA</code> subscriber whose publishers use <code>PutRawEvents</code>:"
            + " they write the whole body",
    defaultValue = Defaults.DELIVERY_FORMAT)
public sealed interface DeliveryFormat {

  /**
   * A JSON object with nothing but {@code Data}, {@code Metadata} and {@code SystemMetadata}, whose
   * {@code SystemMetadata} carries a string {@code aws:EventId} and {@code aws:DeliveryType} {@code
   * LIVE} or {@code REPLAY}, is a {@code WITH_METADATA} delivery; anything else is the event
   * itself. No event of a classic bus, an API destination or Control Room has these fields at its
   * top level.
   */
  @TemplateSubType(id = Defaults.DELIVERY_FORMAT, label = "Recognise")
  record Recognise() implements DeliveryFormat {}

  /**
   * The body is the event, even when it has fields named {@code Data} and {@code SystemMetadata}.
   */
  @TemplateSubType(id = "raw", label = "RAW (the event itself)")
  record Raw() implements DeliveryFormat {}

  /** Every event must be {@code {Data, Metadata, SystemMetadata}}; anything else is a 400. */
  @TemplateSubType(id = "withMetadata", label = "WITH_METADATA (Custom Event Bus subscriber)")
  record WithMetadata() implements DeliveryFormat {}
}
