package io.connectors.eventbridge.runtime.web;

import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookStatus;
import io.connectors.eventbridge.runtime.webhooks.WebhookAvailability;
import io.connectors.eventbridge.runtime.webhooks.WebhookAvailability.Unavailability;
import io.connectors.eventbridge.runtime.webhooks.WebhookAvailability.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The first stage of {@link WebhookRequestFilter}: answers 503 + {@code Retry-After} instead of the
 * runtime's 404 for a webhook that exists but is not active on this replica yet (see {@link
 * WebhookAvailability}), and otherwise resolves what the request is for. EventBridge drops an event
 * answered 404 and retries one answered 503. Applies to every connector's webhooks: while the
 * replica starts, none is active.
 */
@Component
class AvailabilityStage {

  static final String STARTING = "replica starting: webhooks are being activated; retry later";
  static final String NOT_YET_ACTIVE =
      "webhook deployed but not yet active on this replica; retry later";
  static final String UNCONFIRMED = "deployed webhooks could not be read; retry later";

  /** Where verdicts come from: the runtime's {@link WebhookAvailability}, or a test's own. */
  @FunctionalInterface
  interface Verdicts {
    Verdict verdict(String webhookId, long arrivalNanos);
  }

  private final Verdicts verdicts;
  private final Map<Unavailability, Counter> answered503 = new EnumMap<>(Unavailability.class);

  @Autowired
  AvailabilityStage(WebhookAvailability availability, MeterRegistry registry) {
    this(availability::verdict, registry);
  }

  AvailabilityStage(Verdicts verdicts, MeterRegistry registry) {
    this.verdicts = verdicts;
    for (var why : Unavailability.values()) {
      answered503.put(
          why,
          Counter.builder("eventbridge.webhook.unavailable")
              .description(
                  "Webhook requests answered 503 because the webhook was not active here yet")
              .tag("verdict", why.name())
              .register(registry));
    }
  }

  /**
   * What a request for {@code webhookId} is for, from the registry entry its verdict was decided on
   * (the only lookup of the request); empty when it was answered 503 here.
   */
  Optional<WebhookTarget> resolve(String webhookId, long arrivalNanos, HttpServletResponse response)
      throws IOException {
    return switch (verdicts.verdict(webhookId, arrivalNanos)) {
      case Verdict.Serve serve -> Optional.of(WebhookTarget.of(serve.webhook()));
      case Verdict.Unknown unknown -> Optional.of(WebhookTarget.NO_CONTRACT);
      case Verdict.Unavailable retry -> {
        unavailable(response, retry.why());
        yield Optional.empty();
      }
    };
  }

  private void unavailable(HttpServletResponse response, Unavailability why) throws IOException {
    answered503.get(why).increment();
    FilterAnswers.reject(
        response,
        switch (why) {
          case STARTING -> retryAfter("2", STARTING);
          case NOT_YET_ACTIVE -> retryAfter("1", NOT_YET_ACTIVE);
          case UNCONFIRMED -> retryAfter("5", UNCONFIRMED);
        });
  }

  private static RequestRejected retryAfter(String seconds, String reason) {
    return new RequestRejected(
        WebhookStatus.SERVICE_UNAVAILABLE, reason, Map.of("Retry-After", seconds));
  }
}
