package io.connectors.eventbridge.inbound.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookStatus;
import io.connectors.eventbridge.inbound.model.DeliveryFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads each parsed event in the form the webhook expects (see {@link DeliveryFormat}): the event
 * itself, or a Custom Event Bus subscriber's {@code WITH_METADATA} wrapper around it
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-transform.html). For an
 * event published with {@code PutEvents}, {@code Data} is the whole classic envelope ({@code id},
 * {@code source}, {@code detail-type}, {@code time}, ..., the payload under {@code detail}), so a
 * pattern or an expression written for an API destination's deliveries works unchanged on either
 * form.
 *
 * <p>A wrapper whose {@code Data} is not a JSON object (possible for {@code PutRawEvents}) is a
 * 400, as a body that is not an object is: every later stage works on objects.
 *
 * <p>Under a {@code RAW} or {@code JSONATA} subscriber a {@code PutRawEvents} publisher writes the
 * whole body, so it could shape its event like a wrapper to choose the message ID or mark it as a
 * replay. {@code Recognise} therefore takes only an object with nothing beside {@code Data}, {@code
 * Metadata} and {@code SystemMetadata} whose {@code SystemMetadata} carries the fields the bus
 * always sets; a subscriber whose publishers use {@code PutRawEvents} sets the format to {@code
 * raw}. Whether a Custom Event Bus delivery is a replay is read from {@code aws:DeliveryType}
 * alone: a {@code replay-name} inside {@code Data} is the publisher's, not the bus's.
 */
public final class DeliveryReader {

  static final String DATA = "Data";
  static final String METADATA = "Metadata";
  static final String SYSTEM_METADATA = "SystemMetadata";

  /**
   * The one {@code SystemMetadata} field that every delivery carries ({@code LIVE}/{@code REPLAY}).
   */
  static final String DELIVERY_TYPE = "aws:DeliveryType";

  static final String EVENT_ID = "aws:EventId";
  static final String REPLAY_DELIVERY = "REPLAY";
  static final String LIVE_DELIVERY = "LIVE";
  private static final Set<String> WRAPPER_FIELDS = Set.of(DATA, METADATA, SYSTEM_METADATA);
  static final String REPLAY_NAME = "replay-name";

  private final DeliveryFormat format;

  public DeliveryReader(DeliveryFormat format) {
    this.format = format;
  }

  /**
   * @throws RequestRejected 400 when an event is not in the configured form
   */
  public List<DeliveredEvent> read(Delivery delivery) {
    var events = new ArrayList<DeliveredEvent>(delivery.events().size());
    for (var event : delivery.events()) {
      // The parser admits only JSON objects as events.
      events.add(read((ObjectNode) event));
    }
    return events;
  }

  private DeliveredEvent read(ObjectNode event) {
    return switch (format) {
      case DeliveryFormat.Raw raw -> itself(event);
      case DeliveryFormat.Recognise recognise ->
          isWrapperTheBusWrote(event) ? unwrap(event) : itself(event);
      case DeliveryFormat.WithMetadata withMetadata -> {
        if (!looksWithMetadata(event)) {
          throw new RequestRejected(
              WebhookStatus.BAD_REQUEST,
              "not a WITH_METADATA delivery: Data and an object SystemMetadata are required");
        }
        yield unwrap(event);
      }
    };
  }

  private static boolean looksWithMetadata(ObjectNode event) {
    return event.has(DATA) && event.get(SYSTEM_METADATA) instanceof ObjectNode;
  }

  /**
   * Stricter than {@link #looksWithMetadata}: without a configured format nothing but the bus's own
   * wrapper may be unwrapped, since unwrapping lets the body choose the message ID and the replay
   * marking.
   */
  private static boolean isWrapperTheBusWrote(ObjectNode event) {
    if (!looksWithMetadata(event)) {
      return false;
    }
    for (var names = event.fieldNames(); names.hasNext(); ) {
      if (!WRAPPER_FIELDS.contains(names.next())) {
        return false;
      }
    }
    var system = event.get(SYSTEM_METADATA);
    String deliveryType = DeliveredEvent.text(system, DELIVERY_TYPE);
    return system.get(EVENT_ID) != null
        && system.get(EVENT_ID).isTextual()
        && (LIVE_DELIVERY.equals(deliveryType) || REPLAY_DELIVERY.equals(deliveryType));
  }

  private static DeliveredEvent itself(ObjectNode event) {
    return new DeliveredEvent(event, DeliveredEvent.text(event, "id"), archiveReplay(event), null);
  }

  private static DeliveredEvent unwrap(ObjectNode wrapper) {
    if (!(wrapper.get(DATA) instanceof ObjectNode data)) {
      throw new RequestRejected(
          WebhookStatus.BAD_REQUEST, "the Data of a WITH_METADATA delivery must be a JSON object");
    }
    var system = (ObjectNode) wrapper.get(SYSTEM_METADATA);
    String eventId = DeliveredEvent.text(system, EVENT_ID);
    Replay replay =
        REPLAY_DELIVERY.equals(DeliveredEvent.text(system, DELIVERY_TYPE))
            ? new Replay.SubscriberReplay()
            : Replay.live();
    JsonNode metadata = wrapper.get(METADATA);
    return new DeliveredEvent(
        data,
        eventId != null ? eventId : DeliveredEvent.text(data, "id"),
        replay,
        new DeliveredEvent.SubscriberMetadata(metadata, system));
  }

  /** Only a classic bus's archive replay sets {@code replay-name}, at the event's top level. */
  private static Replay archiveReplay(ObjectNode event) {
    String name = DeliveredEvent.text(event, REPLAY_NAME);
    return name == null ? Replay.live() : new Replay.ArchiveReplay(name);
  }
}
