package io.connectors.eventbridge.runtime.local.bus.custombus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.eventbridge.outbound.custombus.CustomBusEntry;
import io.connectors.eventbridge.outbound.custombus.CustomBusEntryResult;
import io.connectors.eventbridge.outbound.custombus.CustomBusRequest;
import io.connectors.eventbridge.outbound.custombus.RequestDeduplication;
import io.connectors.eventbridge.runtime.local.bus.LocalBusRules;
import io.connectors.eventbridge.runtime.local.bus.delivery.ApiDestinationDispatcher;
import io.connectors.eventbridge.runtime.local.bus.delivery.DeadLetterLog;
import io.connectors.eventbridge.runtime.local.bus.delivery.DeliveryMetrics;
import io.connectors.eventbridge.runtime.local.bus.delivery.DeliveryRetryPolicy;
import io.connectors.eventbridge.runtime.local.bus.delivery.SubscriberDelivery;
import io.connectors.eventbridge.runtime.local.bus.rules.RulesFileParser;
import io.connectors.eventbridge.testsupport.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Acceptance, deduplication and numbering of the local Custom Event Bus, on a clock of its own. */
class CustomEventBusTest {

  private static final String ORDERS =
      "arn:aws:events:us-east-1:000000000000:event-busv2/orders/abcdefghijklmnopqrstuvwxy";
  private static final String BILLING =
      "arn:aws:events:us-east-1:000000000000:event-busv2/billing/abcdefghijklmnopqrstuvwxy";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T12:00:00Z"));
  private final DeliveryRetryPolicy policy =
      new DeliveryRetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10));
  private final ApiDestinationDispatcher dispatcher =
      new ApiDestinationDispatcher(
          policy,
          Duration.ofSeconds(1),
          10,
          new DeadLetterLog(10),
          new DeliveryMetrics(new SimpleMeterRegistry()));
  // No rules file: every event is accepted and goes to no subscriber.
  private final CustomEventBus bus =
      new CustomEventBus(
          new ObjectMapper(),
          new LocalBusRules("none", Optional::empty, new RulesFileParser(text -> text)),
          new SubscriberDelivery(dispatcher, policy, 10),
          clock);

  @AfterEach
  void close() {
    dispatcher.close();
  }

  @Test
  void aRepeatedDeduplicationIdIsARepeatForFiveMinutesWithinItsGroup() {
    var first = put(ORDERS, RequestDeduplication.BY_ENTRY_ID, entry("g1", "id-1", "{}"));
    var otherGroup = put(ORDERS, RequestDeduplication.BY_ENTRY_ID, entry("g2", "id-1", "{}"));
    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    var repeat = put(ORDERS, RequestDeduplication.BY_ENTRY_ID, entry("g1", "id-1", "{\"x\":1}"));
    clock.advance(Duration.ofMillis(1));
    var afterWindow = put(ORDERS, RequestDeduplication.BY_ENTRY_ID, entry("g1", "id-1", "{}"));

    assertThat(first).isInstanceOf(CustomBusEntryResult.Published.class);
    assertThat(otherGroup).isInstanceOf(CustomBusEntryResult.Published.class);
    var published = (CustomBusEntryResult.Published) first;
    assertThat(repeat)
        .isEqualTo(
            new CustomBusEntryResult.Deduplicated(published.eventId(), published.sequenceNumber()));
    assertThat(afterWindow).isInstanceOf(CustomBusEntryResult.Published.class);
  }

  @Test
  void contentBasedDeduplicationComparesTheContentAndNothingDeduplicatesEntriesWithoutIds() {
    var first = put(ORDERS, RequestDeduplication.CONTENT_BASED, entry(null, null, "{\"a\":1}"));
    var same = put(ORDERS, RequestDeduplication.CONTENT_BASED, entry(null, null, "{\"a\":1}"));
    var other = put(ORDERS, RequestDeduplication.CONTENT_BASED, entry(null, null, "{\"a\":2}"));
    var noId = put(ORDERS, RequestDeduplication.BY_ENTRY_ID, entry(null, null, "{\"a\":1}"));
    var noIdAgain = put(ORDERS, RequestDeduplication.BY_ENTRY_ID, entry(null, null, "{\"a\":1}"));

    assertThat(first).isInstanceOf(CustomBusEntryResult.Published.class);
    assertThat(same).isInstanceOf(CustomBusEntryResult.Deduplicated.class);
    assertThat(List.of(other, noId, noIdAgain))
        .allSatisfy(r -> assertThat(r).isInstanceOf(CustomBusEntryResult.Published.class));
  }

  @Test
  void sequenceNumbersGrowWithinEachBus() {
    var orders1 =
        (CustomBusEntryResult.Published)
            put(ORDERS, RequestDeduplication.BY_ENTRY_ID, entry(null, null, "{}"));
    var billing1 =
        (CustomBusEntryResult.Published)
            put(BILLING, RequestDeduplication.BY_ENTRY_ID, entry(null, null, "{}"));
    var orders2 =
        (CustomBusEntryResult.Published)
            put(ORDERS, RequestDeduplication.BY_ENTRY_ID, entry(null, null, "{}"));

    assertThat(orders1.sequenceNumber()).hasSize(20).isLessThan(orders2.sequenceNumber());
    assertThat(billing1.sequenceNumber()).isEqualTo(orders1.sequenceNumber());
    assertThat(orders1.eventId()).isNotEqualTo(orders2.eventId());
  }

  @Test
  void anEntryTheClassicBusWouldRefuseFailsAloneWithItsCode() {
    List<CustomBusEntryResult> results =
        bus.putEvents(
            new CustomBusRequest(
                ORDERS,
                List.of(
                    entry(null, null, "[1]"),
                    new CustomBusEntry("aws.s3", "d", "{}", List.of(), null, null, null),
                    entry(null, null, "{}")),
                RequestDeduplication.BY_ENTRY_ID));

    assertThat(results.get(0)).isInstanceOf(CustomBusEntryResult.Failed.class);
    assertThat(((CustomBusEntryResult.Failed) results.get(0)).errorCode())
        .isEqualTo("MalformedDetail");
    assertThat(((CustomBusEntryResult.Failed) results.get(1)).errorCode())
        .isEqualTo("NotAuthorizedForSourceException");
    assertThat(results.get(2)).isInstanceOf(CustomBusEntryResult.Published.class);
  }

  private CustomBusEntryResult put(
      String bus, RequestDeduplication deduplication, CustomBusEntry entry) {
    return this.bus.putEvents(new CustomBusRequest(bus, List.of(entry), deduplication)).getFirst();
  }

  private static CustomBusEntry entry(String group, String deduplicationId, String detail) {
    return new CustomBusEntry(
        "com.example", "Thing", detail, List.of(), null, group, deduplicationId);
  }
}
