package io.connectors.eventbridge.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which stages a path goes through, and the webhook ID the runtime's registry is asked for. */
class RequestPathTest {

  private static final List<String> BUS = List.of("/local-eventbridge");

  @ParameterizedTest
  @CsvSource({
    "/inbound/orders, orders",
    "/inbound/orders/, orders",
    "/inbound/orders/x/y, orders",
  })
  void aWebhookPathNamesItsId(String path, String webhookId) {
    assertThat(RequestPath.of(path, BUS)).isEqualTo(new RequestPath.Webhook(webhookId));
  }

  @ParameterizedTest
  @CsvSource({
    "/inbound/, WITHOUT_ID",
    "/inbound//orders, WITHOUT_ID",
    "/local-eventbridge, BODY_LIMITED_ONLY",
    "/local-eventbridge/events, BODY_LIMITED_ONLY",
    "/inbound, UNFILTERED",
    "/actuator/health, UNFILTERED",
  })
  void otherPaths(String path, String expected) {
    var expectedPath =
        switch (expected) {
          case "WITHOUT_ID" -> RequestPath.WITHOUT_ID;
          case "BODY_LIMITED_ONLY" -> RequestPath.BODY_LIMITED_ONLY;
          default -> RequestPath.UNFILTERED;
        };
    assertThat(RequestPath.of(path, BUS)).isEqualTo(expectedPath);
  }
}
