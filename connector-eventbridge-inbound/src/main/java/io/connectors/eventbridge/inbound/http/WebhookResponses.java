package io.connectors.eventbridge.inbound.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.camunda.connector.api.inbound.webhook.WebhookHttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the small JSON answers the sender sees. */
public final class WebhookResponses {

  /** Seconds a sender should wait before retrying a 429 or 503; EventBridge honours it. */
  static final String RETRY_AFTER_SECONDS = "5";

  private WebhookResponses() {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Rejection(int status, String reason) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BatchAnswer(int status, int accepted, int failed, List<EventOutcome> results) {}

  public static WebhookHttpResponse rejected(RequestRejected rejection) {
    return respond(
        rejection.status(),
        new Rejection(rejection.status(), rejection.reason()),
        rejection.headers());
  }

  /** OPTIONS: which methods carry events, and nothing else happens. */
  public static WebhookHttpResponse options(RequestContract contract) {
    return new WebhookHttpResponse(
        null, Map.of("Allow", contract.allowHeader()), WebhookStatus.NO_CONTENT);
  }

  public static WebhookHttpResponse single(EventOutcome outcome) {
    return respond(outcome.status(), outcome, Map.of());
  }

  /**
   * One answer for a batch. The status is the one that makes the sender do the right thing for the
   * whole batch: any retryable failure makes it retry (redelivered elements that were already
   * published are deduplicated by their message ID); otherwise any failure is reported as such so
   * it is not retried; otherwise success.
   */
  public static WebhookHttpResponse batch(List<EventOutcome> outcomes) {
    int status = batchStatus(outcomes);
    int accepted = (int) outcomes.stream().filter(o -> WebhookStatus.isSuccess(o.status())).count();
    return respond(
        status, new BatchAnswer(status, accepted, outcomes.size() - accepted, outcomes), Map.of());
  }

  static int batchStatus(List<EventOutcome> outcomes) {
    int worstRetryable = 0;
    int firstFailure = 0;
    boolean mixedFailures = false;
    boolean anyCorrelated = false;
    for (var outcome : outcomes) {
      int status = outcome.status();
      if (WebhookStatus.isRetryable(status)) {
        worstRetryable = Math.max(worstRetryable, status);
      } else if (!WebhookStatus.isSuccess(status)) {
        mixedFailures |= firstFailure != 0 && firstFailure != status;
        firstFailure = firstFailure == 0 ? status : firstFailure;
      } else if (status == WebhookStatus.OK) {
        anyCorrelated = true;
      }
    }
    if (worstRetryable != 0) {
      return worstRetryable;
    }
    if (firstFailure != 0) {
      return mixedFailures ? WebhookStatus.UNPROCESSABLE : firstFailure;
    }
    return anyCorrelated ? WebhookStatus.OK : WebhookStatus.ACCEPTED;
  }

  private static WebhookHttpResponse respond(int status, Object body, Map<String, String> extra) {
    var headers = new HashMap<String, String>(extra);
    headers.put("Content-Type", "application/json");
    if (status == WebhookStatus.TOO_MANY_REQUESTS || status == WebhookStatus.SERVICE_UNAVAILABLE) {
      headers.put("Retry-After", RETRY_AFTER_SECONDS);
    }
    return new WebhookHttpResponse(body, Map.copyOf(headers), status);
  }
}
