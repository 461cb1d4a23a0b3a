package io.connectors.eventbridge.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.connector.runtime.inbound.webhook.WebhookConnectorRegistry;
import io.connectors.eventbridge.inbound.EventBridgeWebhookExecutable;
import io.connectors.eventbridge.inbound.http.RequestContract;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The filter in front of the limit: the excess is answered at once, and each admitted request's
 * answer (read from the response after the chain) is what the limit learns from.
 */
class WebhookConcurrencyLimitFilterTest {

  private static final Duration BUDGET = Duration.ofSeconds(4);
  private static final String OURS = "/inbound/orders";

  private final AtomicLong now = new AtomicLong();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RecordingWebhook webhook = new RecordingWebhook();
  private final WebhookContracts contracts =
      new WebhookContracts(new WebhookConnectorRegistry()) {
        @Override
        Optional<EventBridgeWebhookExecutable> webhookFor(HttpServletRequest request) {
          return OURS.equals(request.getRequestURI()) ? Optional.of(webhook) : Optional.empty();
        }
      };

  @Test
  void aRequestBeyondTheLimitIs429WithRetryAfterAtOnce() throws Exception {
    var limit = limit(new ConcurrencyLimitSettings(1, 1, 1));
    var filter = new WebhookConcurrencyLimitFilter(limit, contracts);
    var refused = new MockHttpServletResponse();
    var passedOn = new ArrayList<String>();

    // The second request arrives while the first one is in the chain, on the same thread: no
    // waiting involved.
    filter.doFilter(
        post(),
        new MockHttpServletResponse(),
        answering(
            200,
            () -> {
              passedOn.add("first");
              filter.doFilter(post(), refused, (request, response) -> passedOn.add("second"));
            }));

    assertThat(passedOn).containsExactly("first");
    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
    assertThat(refused.getContentAsString())
        .isEqualTo("{\"status\":429,\"reason\":\"too many requests in flight; retry later\"}");
    assertThat(webhook.answers)
        .containsExactly("POST 429 too many requests in flight; retry later");
    assertThat(registry.get(AdaptiveConcurrencyLimit.SHED).counter().count()).isEqualTo(1);
    assertThat(limit.inFlight()).isZero();
  }

  @Test
  void anAnswerOutOfTheBudgetLowersTheLimit() throws Exception {
    var limit = limit(new ConcurrencyLimitSettings(16, 2, 100));
    var filter = new WebhookConcurrencyLimitFilter(limit, contracts);

    filter.doFilter(post(), new MockHttpServletResponse(), answering(503, () -> {}));

    assertThat(limit.limit()).isEqualTo(14);
    assertThat(limit.inFlight()).isZero();
  }

  @Test
  void aSlowAnswerLowersTheLimitAndAFastOneDoesNot() throws Exception {
    var limit = limit(new ConcurrencyLimitSettings(16, 2, 100));
    var filter = new WebhookConcurrencyLimitFilter(limit, contracts);

    filter.doFilter(post(), new MockHttpServletResponse(), answering(200, () -> advanceMillis(5)));
    assertThat(limit.limit()).isEqualTo(16);

    filter.doFilter(
        post(), new MockHttpServletResponse(), answering(200, () -> advanceMillis(2_001)));
    assertThat(limit.limit()).isEqualTo(14);
  }

  @Test
  void anExceptionFromTheChainGivesThePlaceBackWithoutMovingTheLimit() {
    var limit = limit(new ConcurrencyLimitSettings(16, 2, 100));
    var filter = new WebhookConcurrencyLimitFilter(limit, contracts);

    assertThatThrownBy(
            () ->
                filter.doFilter(
                    post(),
                    new MockHttpServletResponse(),
                    (request, response) -> {
                      advanceMillis(3_000);
                      throw new IOException("client went away");
                    }))
        .isInstanceOf(IOException.class);

    assertThat(limit.limit()).isEqualTo(16);
    assertThat(limit.inFlight()).isZero();
  }

  @Test
  void requestsWithoutAnActiveEventBridgeWebhookAreNotLimited() throws Exception {
    var limit = limit(new ConcurrencyLimitSettings(1, 1, 1));
    var filter = new WebhookConcurrencyLimitFilter(limit, contracts);
    var held = limit.tryAdmit().orElseThrow();
    var response = new MockHttpServletResponse();

    filter.doFilter(
        new MockHttpServletRequest("POST", "/inbound/someone-elses"),
        response,
        answering(200, () -> {}));

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(registry.get(AdaptiveConcurrencyLimit.SHED).counter().count()).isZero();
    held.abandoned();
  }

  private AdaptiveConcurrencyLimit limit(ConcurrencyLimitSettings settings) {
    return new AdaptiveConcurrencyLimit(settings, registry, now::get);
  }

  private void advanceMillis(long millis) {
    now.addAndGet(Duration.ofMillis(millis).toNanos());
  }

  private static MockHttpServletRequest post() {
    var request = new MockHttpServletRequest("POST", OURS);
    request.setContentType("application/json");
    return request;
  }

  /** A chain that runs {@code during} as the request's work, then answers {@code status}. */
  private static FilterChain answering(int status, Work during) {
    return (request, response) -> {
      during.run();
      ((HttpServletResponse) response).setStatus(status);
    };
  }

  @FunctionalInterface
  private interface Work {
    void run() throws IOException, ServletException;
  }

  /** An active EventBridge webhook with the default budget, recording the runtime's answers. */
  private static final class RecordingWebhook extends EventBridgeWebhookExecutable {

    final List<String> answers = new ArrayList<>();

    @Override
    public Optional<RequestContract> requestContract() {
      return Optional.of(new RequestContract(Set.of("POST"), 1024, BUDGET));
    }

    @Override
    public void answeredByRuntime(String method, int status, String reason) {
      answers.add(method + " " + status + " " + reason);
    }
  }
}
