package io.connectors.eventbridge.inbound.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookResponsesTest {

  @Test
  void batchStatusTellsTheSenderWhatToDo() {
    assertThat(status(200, 200)).isEqualTo(200);
    assertThat(status(200, 202)).isEqualTo(200);
    assertThat(status(202, 202)).isEqualTo(202);
    // Any permanent failure and nothing retryable: report it, do not invite a retry.
    assertThat(status(200, 422)).isEqualTo(422);
    assertThat(status(200, 400, 422)).isEqualTo(422);
    // Anything retryable wins, so the whole batch is redelivered (duplicates are deduplicated).
    assertThat(status(200, 422, 429)).isEqualTo(429);
    assertThat(status(429, 503)).isEqualTo(503);
  }

  @Test
  void retryableAnswersCarryRetryAfter() {
    var response =
        WebhookResponses.single(EventOutcome.failed("e", 503, "ENGINE_UNAVAILABLE", "x"));
    assertThat(response.headers())
        .containsEntry("Retry-After", "5")
        .containsEntry("Content-Type", "application/json");
    assertThat(WebhookResponses.single(EventOutcome.failed("e", 422, "NOT_MATCHED", "x")).headers())
        .doesNotContainKey("Retry-After");
  }

  private static int status(int... statuses) {
    List<EventOutcome> outcomes =
        Arrays.stream(statuses).mapToObj(s -> EventOutcome.failed("e", s, "X", null)).toList();
    return WebhookResponses.batchStatus(outcomes);
  }
}
