package io.connectors.eventbridge.inbound.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.connector.api.error.ConnectorInputException;
import io.connectors.eventbridge.inbound.support.Events;
import org.junit.jupiter.api.Test;

class EventPatternFilterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void matchesAsAnEventBridgeRuleWould() throws Exception {
    var filter =
        EventPatternFilter.compile(
            """
            {"source": ["com.example.orders"],
             "detail-type": ["OrderPlaced"],
             "detail": {"amount": [{"numeric": [">", 10]}]}}\
            """);

    assertThat(filter.matches(event(Events.orderPlaced("e-1", "o-1")))).isTrue();
    assertThat(
            filter.matches(
                event(Events.orderPlaced("e-1", "o-1").replace("\"amount\":42", "\"amount\":5"))))
        .isFalse();
    assertThat(
            filter.matches(
                event(
                    Events.orderPlaced("e-1", "o-1")
                        .replace("com.example.orders", "com.example.other"))))
        .isFalse();
  }

  @Test
  void supportsPrefixAndAnythingBut() throws Exception {
    var filter =
        EventPatternFilter.compile(
            """
            {"source": [{"prefix": "com.example."}], "detail": {"orderId": [{"anything-but": "o-2"}]}}\
            """);

    assertThat(filter.matches(event(Events.orderPlaced("e-1", "o-1")))).isTrue();
    assertThat(filter.matches(event(Events.orderPlaced("e-1", "o-2")))).isFalse();
  }

  @Test
  void noPatternMatchesEverything() throws Exception {
    assertThat(EventPatternFilter.compile("  ").matches(event("{}"))).isTrue();
    assertThat(EventPatternFilter.compile(null)).isSameAs(EventPatternFilter.MATCH_ALL);
  }

  @Test
  void anInvalidPatternFailsActivationNamingTheField() {
    assertThatThrownBy(() -> EventPatternFilter.compile("{\"source\": \"not-an-array\"}"))
        .isInstanceOf(ConnectorInputException.class)
        .hasMessageStartingWith("eventPattern:");
    assertThatThrownBy(() -> EventPatternFilter.compile("{not json"))
        .isInstanceOf(ConnectorInputException.class)
        .hasMessageStartingWith("eventPattern:");
  }

  private static JsonNode event(String json) throws Exception {
    return MAPPER.readTree(json);
  }
}
