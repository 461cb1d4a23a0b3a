package io.connectors.eventbridge.inbound.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.model.DeliveryFormat;
import io.connectors.eventbridge.inbound.support.SubscriberDeliveries;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryReaderTest {

  private static final DeliveryParser PARSER = new DeliveryParser(100);

  private static List<DeliveredEvent> read(DeliveryFormat format, String body) {
    return new DeliveryReader(format).read(PARSER.parse(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static DeliveredEvent readOne(DeliveryFormat format, String body) {
    return read(format, body).getFirst();
  }

  @Test
  void aWithMetadataDeliveryIsRecognisedAndItsDataIsTheEvent() {
    var event =
        readOne(
            new DeliveryFormat.Recognise(),
            SubscriberDeliveries.withMetadata("bus-1", "data-1", "o-1"));

    assertThat(event.data().get("detail-type").asText()).isEqualTo("OrderPlaced");
    assertThat(event.data().has("SystemMetadata")).isFalse();
    assertThat(event.eventId()).isEqualTo("bus-1");
    assertThat(event.replay()).isInstanceOf(Replay.Live.class);
    assertThat(event.subscriber().systemMetadata().get("EventGroupId").asText())
        .isEqualTo("order-o-1");
    assertThat(event.connectorData())
        .containsEntry("deliveryFormat", "WITH_METADATA")
        .containsEntry("eventId", "bus-1")
        .containsEntry("deliveryType", "LIVE")
        .containsEntry("sequenceNumber", "10000000000000003000")
        .containsEntry("eventGroupId", "order-o-1")
        .containsEntry("ingestionTime", "2026-10-01T12:00:00Z")
        .containsEntry("replay", false)
        .doesNotContainKey("metadata");
  }

  @Test
  void aRawDeliveryIsTheEventItselfWithItsIdAndNothingAdded() {
    var event = readOne(new DeliveryFormat.Recognise(), SubscriberDeliveries.raw("data-1", "o-1"));

    assertThat(event.eventId()).isEqualTo("data-1");
    assertThat(event.subscriber()).isNull();
    assertThat(event.connectorData()).isEmpty();
  }

  @Test
  void withoutAnEventIdTheDataIdIsTheMessageId() {
    var body =
        SubscriberDeliveries.withMetadata("bus-1", "data-1", "o-1")
            .replace("\"aws:EventId\":\"bus-1\",", "");
    assertThat(readOne(new DeliveryFormat.WithMetadata(), body).eventId()).isEqualTo("data-1");
  }

  @Test
  void rawTakesAWrapperAsItIs() {
    var event =
        readOne(new DeliveryFormat.Raw(), SubscriberDeliveries.withMetadata("bus-1", "d-1", "o-1"));
    assertThat(event.data().has("Data")).isTrue();
    assertThat(event.eventId()).isNull();
  }

  @Test
  void withMetadataRefusesAnythingElseAndDataThatIsNoObject() {
    assertThatThrownBy(
            () -> readOne(new DeliveryFormat.WithMetadata(), SubscriberDeliveries.raw("d", "o")))
        .isInstanceOfSatisfying(
            RequestRejected.class,
            rejected -> {
              assertThat(rejected.status()).isEqualTo(400);
              assertThat(rejected.reason()).contains("WITH_METADATA");
            });
    assertThatThrownBy(
            () ->
                readOne(
                    new DeliveryFormat.Recognise(),
                    "{\"Data\":\"text\",\"SystemMetadata\":{\"aws:EventId\":\"e-1\","
                        + "\"aws:DeliveryType\":\"LIVE\"}}"))
        .isInstanceOfSatisfying(
            RequestRejected.class,
            rejected -> assertThat(rejected.reason()).contains("Data").contains("JSON object"));
  }

  @Test
  void replaysAreRecognisedInBothForms() {
    var subscriberReplay =
        readOne(
            new DeliveryFormat.Recognise(),
            SubscriberDeliveries.withMetadata("bus-1", "d-1", "o-1", "REPLAY"));
    assertThat(subscriberReplay.replay()).isInstanceOf(Replay.SubscriberReplay.class);
    assertThat(subscriberReplay.connectorData())
        .containsEntry("replay", true)
        .containsEntry("deliveryType", "REPLAY");

    var archiveReplay =
        readOne(
            new DeliveryFormat.Recognise(),
            SubscriberDeliveries.archiveReplay("d-1", "o-1", "orders-replay-1"));
    assertThat(archiveReplay.replay()).isEqualTo(new Replay.ArchiveReplay("orders-replay-1"));
    assertThat(archiveReplay.connectorData())
        .containsEntry("replay", true)
        .containsEntry("replayName", "orders-replay-1");
  }

  @Test
  void aBatchIsReadElementByElement() {
    var events =
        read(
            new DeliveryFormat.Recognise(),
            "["
                + SubscriberDeliveries.withMetadata("bus-1", "d-1", "o-1")
                + ","
                + SubscriberDeliveries.withMetadata("bus-2", "d-2", "o-2", "REPLAY")
                + "]");
    assertThat(events).extracting(DeliveredEvent::eventId).containsExactly("bus-1", "bus-2");
    assertThat(events).extracting(DeliveredEvent::replayed).containsExactly(false, true);
  }

  @Test
  void recogniseUnwrapsOnlyWhatTheBusWrites() {
    var wrapper = SubscriberDeliveries.withMetadata("bus-1", "d-1", "o-1", "REPLAY");
    var forgeries =
        List.of(
            // A PutRawEvents publisher's own field beside the wrapper's three.
            wrapper.substring(0, wrapper.length() - 1) + ",\"id\":\"raw-1\"}",
            wrapper.replace("\"aws:EventId\":\"bus-1\",", ""),
            wrapper.replace("\"aws:EventId\":\"bus-1\"", "\"aws:EventId\":7"),
            wrapper.replace("\"REPLAY\"", "\"REPLAYED\""));
    for (var forged : forgeries) {
      var event = readOne(new DeliveryFormat.Recognise(), forged);
      assertThat(event.data().has("Data")).as(forged).isTrue();
      assertThat(event.subscriber()).as(forged).isNull();
      assertThat(event.replay()).as(forged).isInstanceOf(Replay.Live.class);
      assertThat(event.eventId()).as(forged).isNotEqualTo("bus-1");
    }
  }

  @Test
  void aReplayNameInsideTheDataOfASubscriberDeliveryIsNoReplay() {
    var wrapper = SubscriberDeliveries.withMetadata("bus-1", "d-1", "o-1");
    var data = SubscriberDeliveries.archiveReplay("d-1", "o-1", "forged-replay");
    var withReplayName =
        "{\"Data\":" + data + wrapper.substring(wrapper.indexOf(",\"SystemMetadata\""));

    for (var format : List.of(new DeliveryFormat.Recognise(), new DeliveryFormat.WithMetadata())) {
      var event = readOne(format, withReplayName);
      assertThat(event.eventId()).isEqualTo("bus-1");
      assertThat(event.data().get("replay-name").asText()).isEqualTo("forged-replay");
      assertThat(event.replay()).isInstanceOf(Replay.Live.class);
    }
  }
}
