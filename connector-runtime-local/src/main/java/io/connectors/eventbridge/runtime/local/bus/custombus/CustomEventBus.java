package io.connectors.eventbridge.runtime.local.bus.custombus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.eventbridge.outbound.custombus.CustomBusEntry;
import io.connectors.eventbridge.outbound.custombus.CustomBusEntryResult;
import io.connectors.eventbridge.outbound.custombus.CustomBusRequest;
import io.connectors.eventbridge.runtime.local.bus.BusEventEnvelope;
import io.connectors.eventbridge.runtime.local.bus.EventJson;
import io.connectors.eventbridge.runtime.local.bus.LocalBusRules;
import io.connectors.eventbridge.runtime.local.bus.api.EntryError;
import io.connectors.eventbridge.runtime.local.bus.api.PutEventsEntry;
import io.connectors.eventbridge.runtime.local.bus.api.PutEventsEntryValidator;
import io.connectors.eventbridge.runtime.local.bus.delivery.SubscriberDelivery;
import io.connectors.eventbridge.runtime.local.bus.rules.CustomBusArn;
import io.connectors.eventbridge.runtime.local.bus.rules.Subscriber;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode's Custom Event Bus (development only): accepts PutEvents entries, suppresses repeats
 * within the deduplication window, numbers the accepted events per bus, and hands each to the
 * subscribers whose filters match, transformed as each subscriber asks.
 *
 * <p>The delivered event follows <a
 * href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-addressing.html">Event
 * structure: data, metadata, and system metadata</a>: for PutEvents, {@code Data} is the
 * classic-style envelope with the caller's payload under {@code detail}, {@code Metadata} is empty,
 * and {@code SystemMetadata} holds what the bus assigned. {@code RAW} delivers {@code Data}, {@code
 * WITH_METADATA} all three (<a
 * href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-transform.html">Transforming
 * events</a>).
 */
public final class CustomEventBus {

  private static final Logger LOG = LoggerFactory.getLogger(CustomEventBus.class);

  /** What the service sets for every PutEvents event (PutRawEvents callers choose their own). */
  static final String PUT_EVENTS_CONTENT_TYPE = "application/eventbridge+json";

  private final ObjectMapper mapper;
  private final EventJson json;
  private final PutEventsEntryValidator validator;
  private final LocalBusRules rules;
  private final SubscriberDelivery delivery;
  private final Clock clock;

  // Guarded by "this": one PutEvents call at a time, so sequence numbers, the deduplication
  // window and the order in which events reach a FIFO group all follow the order of acceptance.
  private final DeduplicationWindow window =
      new DeduplicationWindow(DeduplicationWindow.FIVE_MINUTES);
  private final Map<String, Long> lastSequenceByBus = new HashMap<>();

  public CustomEventBus(
      ObjectMapper mapper, LocalBusRules rules, SubscriberDelivery delivery, Clock clock) {
    this.mapper = mapper;
    this.json = new EventJson(mapper);
    this.validator = new PutEventsEntryValidator(mapper);
    this.rules = rules;
    this.delivery = delivery;
    this.clock = clock;
  }

  /**
   * Answers each entry in request order.
   *
   * @param request a request the reader accepted, so its ARN matches the model's pattern
   */
  public synchronized List<CustomBusEntryResult> putEvents(CustomBusRequest request) {
    CustomBusArn bus =
        CustomBusArn.parse(request.eventBusArn())
            .orElseThrow(() -> new IllegalArgumentException("not a Custom Event Bus ARN"));
    var results = new ArrayList<CustomBusEntryResult>(request.entries().size());
    for (CustomBusEntry entry : request.entries()) {
      results.add(put(bus, entry, request));
    }
    return results;
  }

  private CustomBusEntryResult put(
      CustomBusArn bus, CustomBusEntry entry, CustomBusRequest request) {
    Optional<EntryError> error = validator.validate(classicView(entry));
    if (error.isPresent()) {
      return new CustomBusEntryResult.Failed(error.get().code(), error.get().message());
    }
    Instant now = clock.instant();
    Optional<DeduplicationKey> key =
        DeduplicationKey.of(bus.name(), entry, request.deduplication());
    Optional<CustomBusEntryResult.Published> first = key.flatMap(k -> window.repeatOf(k, now));
    if (first.isPresent()) {
      LOG.info(
          "Custom Event Bus '{}': entry ({} / {}) deduplicated as event {}",
          bus.name(),
          entry.source(),
          entry.detailType(),
          first.get().eventId());
      return new CustomBusEntryResult.Deduplicated(
          first.get().eventId(), first.get().sequenceNumber());
    }
    var published =
        new CustomBusEntryResult.Published(UUID.randomUUID().toString(), nextSequence(bus.name()));
    key.ifPresent(k -> window.remember(k, published, now));
    route(bus, entry, published, now);
    return published;
  }

  /**
   * The checks the classic bus makes of an entry's content that the model cannot express: a JSON
   * object as Detail, no reserved source. Resources are left out: the Custom Event Bus model takes
   * any text there, not only ARNs. An absent Detail is the empty object.
   */
  private static PutEventsEntry classicView(CustomBusEntry entry) {
    return new PutEventsEntry(
        entry.source(),
        entry.detailType(),
        entry.detail() == null ? "{}" : entry.detail(),
        null,
        List.of(),
        null,
        null);
  }

  /**
   * Sequence numbers grow within a bus and are compared as text by consumers too, so they are
   * written with a fixed number of digits (20, the length of the service's own).
   */
  private String nextSequence(String bus) {
    long next = lastSequenceByBus.merge(bus, 1L, Long::sum);
    return "1" + "%019d".formatted(next);
  }

  private void route(
      CustomBusArn bus, CustomBusEntry entry, CustomBusEntryResult.Published event, Instant now) {
    Instant time = entry.time() == null ? now : entry.time();
    JsonNode data =
        mapper.valueToTree(
            new BusEventEnvelope(
                "0",
                event.eventId(),
                entry.detailType(),
                entry.source(),
                bus.account(),
                DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS)),
                bus.region(),
                entry.resources(),
                json.detail(entry.detail())));
    ObjectNode systemMetadata = systemMetadata(entry, event, now);
    ObjectNode metadata = mapper.createObjectNode();
    List<Subscriber> subscribers =
        rules
            .current()
            .subscribers(
                bus.name(),
                Map.of(
                    Subscriber.Scope.DATA, data,
                    Subscriber.Scope.METADATA, metadata,
                    Subscriber.Scope.SYSTEM_METADATA, systemMetadata));
    LOG.info(
        "Custom Event Bus '{}': event {} ({} / {}, group {}) sequence {} for subscribers {}",
        bus.name(),
        event.eventId(),
        entry.source(),
        entry.detailType(),
        entry.eventGroupId(),
        event.sequenceNumber(),
        subscribers.stream().map(Subscriber::name).toList());
    if (subscribers.isEmpty()) {
      return;
    }
    ObjectNode withMetadata = mapper.createObjectNode();
    withMetadata.set("Data", data);
    withMetadata.set("Metadata", metadata);
    withMetadata.set("SystemMetadata", systemMetadata);
    byte[] raw = json.bytes(data);
    byte[] full = json.bytes(withMetadata);
    for (Subscriber subscriber : subscribers) {
      byte[] body =
          switch (subscriber.transformer()) {
            case RAW -> raw;
            case WITH_METADATA -> full;
          };
      delivery.deliver(subscriber, event.eventId(), entry.eventGroupId(), now, body, withMetadata);
    }
  }

  /**
   * The fields the bus assigns, as a WITH_METADATA delivery carries them: all text, sequence
   * numbers included, and {@code aws:DeliveryType} {@code LIVE} (the local bus has no replays).
   */
  private ObjectNode systemMetadata(
      CustomBusEntry entry, CustomBusEntryResult.Published event, Instant ingestion) {
    ObjectNode system = mapper.createObjectNode();
    system.put("ContentType", PUT_EVENTS_CONTENT_TYPE);
    if (entry.deduplicationId() != null) {
      system.put("DeduplicationId", entry.deduplicationId());
    }
    if (entry.eventGroupId() != null) {
      system.put("EventGroupId", entry.eventGroupId());
    }
    system.put("aws:DeliveryType", "LIVE");
    system.put("aws:DetailType", entry.detailType());
    system.put("aws:EventId", event.eventId());
    system.put(
        "aws:IngestionTime",
        DateTimeFormatter.ISO_INSTANT.format(ingestion.truncatedTo(ChronoUnit.MILLIS)));
    system.put("aws:SequenceNumber", event.sequenceNumber());
    system.put("aws:Source", entry.source());
    return system;
  }
}
