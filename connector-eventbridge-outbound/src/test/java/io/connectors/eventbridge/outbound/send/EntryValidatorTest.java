package io.connectors.eventbridge.outbound.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.eventbridge.outbound.model.EventBatch;
import io.connectors.eventbridge.outbound.model.EventEntry;
import io.connectors.eventbridge.outbound.model.EventInput.PathedEntry;
import io.connectors.eventbridge.outbound.model.SingleEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntryValidatorTest {

  private final EntryValidator validator = new EntryValidator(new ObjectMapper());

  private static EventEntry entry(String source, String detailType, Object detail) {
    return new EventEntry(null, source, detailType, detail, null, null, null);
  }

  private List<PreparedEntry> prepare(EventEntry... entries) {
    List<PathedEntry> pathed = new ArrayList<>();
    for (int i = 0; i < entries.length; i++) {
      pathed.add(new PathedEntry("event.events[" + i + "]", entries[i]));
    }
    return validator.prepare(pathed, "event.events", 1_048_576);
  }

  @Test
  void acceptsAFeelContextAsDetailAndSerialisesItCompactly() {
    var prepared = prepare(entry("com.example.orders", "OrderPlaced", Map.of("orderId", "42")));

    assertThat(prepared.getFirst().entry().detail()).isEqualTo("{\"orderId\":\"42\"}");
    assertThat(prepared.getFirst().entry().eventBusName()).isNull();
  }

  @Test
  void acceptsAJsonObjectStringAndDropsInsignificantWhitespace() {
    var prepared = prepare(entry("com.example", "T", "{ \"a\" : [1, 2] }"));

    assertThat(prepared.getFirst().entry().detail()).isEqualTo("{\"a\":[1,2]}");
  }

  @Test
  void namesTheFieldWhenSourceIsMissing() {
    assertThatThrownBy(() -> prepare(entry(null, "T", Map.of())))
        .isInstanceOf(InvalidEventsException.class)
        .hasMessageContaining("event.events[0].source: must not be blank");
  }

  @Test
  void rejectsTheReservedAwsSourcePrefix() {
    assertThatThrownBy(() -> prepare(entry("aws.s3", "T", Map.of())))
        .hasMessageContaining("event.events[0].source: must not start with 'aws.'");
  }

  @Test
  void rejectsADetailThatIsNotAnObject() {
    assertThatThrownBy(() -> prepare(entry("a", "T", "[1,2]")))
        .hasMessageContaining(
            "event.events[0].detail: must be a JSON object, but the text is a JSON array");
    assertThatThrownBy(() -> prepare(entry("a", "T", List.of(1))))
        .hasMessageContaining("event.events[0].detail: must be a JSON object, but is a array");
    assertThatThrownBy(() -> prepare(entry("a", "T", "{not json")))
        .hasMessageContaining("event.events[0].detail: is not valid JSON");
  }

  @Test
  void rejectsADetailTypeOver128Characters() {
    assertThatThrownBy(() -> prepare(entry("a", "x".repeat(129), Map.of())))
        .hasMessageContaining(
            "event.events[0].detailType: must be at most 128 characters, was 129");
    assertThat(prepare(entry("a", "x".repeat(128), Map.of()))).hasSize(1);
  }

  @Test
  void rejectsAnEntryOverTheSizeLimitBeforeAnyCall() {
    var big = entry("a", "T", Map.of("blob", "x".repeat(2_000)));
    List<PathedEntry> pathed = List.of(new PathedEntry("event", big));

    assertThatThrownBy(() -> validator.prepare(pathed, "event", 1_024))
        .hasMessageContaining(
            "event: entry is 2013 bytes, over the request size limit of 1024 bytes");
  }

  @Test
  void rejectsMalformedArnsAndTimesAndBusNames() {
    var bad =
        new EventEntry(
            "my bus!",
            "a",
            "T",
            Map.of(),
            List.of("arn:aws:s3:::ok-bucket", "not-an-arn"),
            "yesterday",
            null);

    assertThatThrownBy(() -> prepare(bad))
        .hasMessageContaining("event.events[0].eventBusName: must be an event bus name")
        .hasMessageContaining("event.events[0].resources[1]: must be an ARN")
        .hasMessageContaining("event.events[0].time: must be an ISO-8601 timestamp with offset")
        .hasMessageNotContaining("resources[0]");
  }

  @Test
  void acceptsABusArnATimeWithOffsetAndATraceHeader() {
    var good =
        new EventEntry(
            "arn:aws:events:eu-central-1:123456789012:event-bus/orders",
            "a",
            "T",
            Map.of(),
            List.of("arn:aws:s3:::bucket"),
            "2026-01-31T13:00:00+01:00",
            "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");

    var sdk = prepare(good).getFirst().entry();

    assertThat(sdk.time()).isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
    assertThat(sdk.eventBusName()).endsWith("event-bus/orders");
    assertThat(sdk.traceHeader()).startsWith("Root=");
  }

  @Test
  void reportsEveryViolationOfEveryEntryAtOnce() {
    assertThatThrownBy(() -> prepare(entry("aws.x", "T", Map.of()), entry("ok", null, Map.of())))
        .isInstanceOfSatisfying(
            InvalidEventsException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        "event.events[0].source: must not start with 'aws.' (reserved for events from AWS services)",
                        "event.events[1].detailType: must not be blank"));
  }

  @Test
  void rejectsAnEmptyBatchAndANullEntry() {
    assertThatThrownBy(
            () -> validator.prepare(new EventBatch(List.of()).entries(), "event.events", 1024))
        .hasMessageContaining("event.events: must contain at least one event");
    assertThatThrownBy(() -> prepare((EventEntry) null))
        .hasMessageContaining("event.events[0]: must not be null");
  }

  @Test
  void aSingleEventIsNamedEvent() {
    var single = new SingleEvent(null, "aws.x", "T", Map.of(), null, null, null);

    assertThatThrownBy(() -> validator.prepare(single.entries(), "event", 1024))
        .hasMessageContaining("event.source: must not start with 'aws.'");
  }
}
