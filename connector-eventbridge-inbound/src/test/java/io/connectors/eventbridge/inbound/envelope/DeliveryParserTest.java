package io.connectors.eventbridge.inbound.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JacksonException;
import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.support.Events;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryParserTest {

  private final DeliveryParser parser = new DeliveryParser(3);

  @Test
  void readsTheEnvelopeAndToleratesUnknownFields() {
    var delivery = parser.parse(bytes(Events.orderPlaced("e-1", "o-1")));

    assertThat(delivery.batch()).isFalse();
    var envelope = EventEnvelope.of(delivery.events().getFirst());
    assertThat(envelope.id()).isEqualTo("e-1");
    assertThat(envelope.detailType()).isEqualTo("OrderPlaced");
    assertThat(envelope.source()).isEqualTo("com.example.orders");
    assertThat(envelope.detail().get("orderId").asText()).isEqualTo("o-1");
  }

  @Test
  void aControlRoomWebhookIsAnEventToo() {
    var envelope =
        EventEnvelope.of(
            parser
                .parse(
                    bytes("{\"id\":\"cr-1\",\"event\":\"process_run\",\"action\":\"COMPLETED\"}"))
                .events()
                .getFirst());
    assertThat(envelope.id()).isEqualTo("cr-1");
    assertThat(envelope.detailType()).isNull();
  }

  @Test
  void arraysAreBatchesWithinALimit() {
    var delivery = parser.parse(bytes("[{\"id\":\"a\"},{\"id\":\"b\"}]"));
    assertThat(delivery.batch()).isTrue();
    assertThat(delivery.events()).hasSize(2);

    assertThatThrownBy(() -> parser.parse(bytes("[{},{},{},{}]")))
        .isInstanceOfSatisfying(RequestRejected.class, r -> assertThat(r.status()).isEqualTo(413));
  }

  @Test
  void deeplyNestedJsonIsRejectedNotAStackOverflow() {
    var deep = "[".repeat(5000) + "]".repeat(5000);
    assertThatThrownBy(() -> parser.parse(bytes(deep)))
        .isInstanceOfSatisfying(RequestRejected.class, r -> assertThat(r.status()).isEqualTo(400));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\":\"a\"}{\"id\":\"b\"}",
        "{\"id\":\"a\"} trailing",
        "{\"id\":\"a\"} // comment",
        "{\"id\":\"a\"} /* comment */",
        "{\"id\":\"a\"}\u0000",
        "[{\"id\":\"a\"}] []",
        "{\"id\":\"a\",\"id\":\"b\"}",
        "{\"detail\":{\"a\":null,\"b\":1,\"a\":null}}",
        "{\"detail\":{\"a\":{\"x\":1},\"a\":[]}}",
        "[{\"id\":\"a\"},{\"detail\":[{\"k\":1,\"k\":1}]}]",
        "\"text\"",
        "42",
        "[]",
        "[{}, 1]"
      })
  void anythingButOneObjectOrOneArrayOfObjectsIs400(String body) {
    assertThatThrownBy(() -> parser.parse(bytes(body)))
        .isInstanceOfSatisfying(RequestRejected.class, r -> assertThat(r.status()).isEqualTo(400));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\r\n\t "})
  void aBodyIsRequired(String body) {
    assertThatThrownBy(() -> parser.parse(bytes(body)))
        .isInstanceOfSatisfying(
            RequestRejected.class,
            r -> {
              assertThat(r.status()).isEqualTo(400);
              assertThat(r.reason()).isEqualTo("body required");
            });
  }

  @Test
  void whitespaceAroundTheValueIsFine() {
    assertThat(parser.parse(bytes("\n {\"id\":\"a\"} \r\n")).events()).hasSize(1);
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** The decrypted payload is read with this mapper: the same rule applies to it. */
  @Test
  void theSharedMapperRejectsDuplicateKeysToo() {
    assertThatThrownBy(
            () ->
                parser
                    .mapper()
                    .readTree("{\"worker_link_token\":\"a\",\"worker_link_token\":\"b\"}"))
        .isInstanceOf(JacksonException.class);
  }
}
