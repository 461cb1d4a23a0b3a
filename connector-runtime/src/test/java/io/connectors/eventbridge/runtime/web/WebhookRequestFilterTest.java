package io.connectors.eventbridge.runtime.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.connector.runtime.core.inbound.ExecutableId;
import io.camunda.connector.runtime.inbound.executable.RegisteredExecutable;
import io.connectors.eventbridge.inbound.EventBridgeWebhookExecutable;
import io.connectors.eventbridge.inbound.http.RequestContract;
import io.connectors.eventbridge.runtime.webhooks.WebhookAvailability.Unavailability;
import io.connectors.eventbridge.runtime.webhooks.WebhookAvailability.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The one webhook filter, stage by stage, with the availability verdict given by the test: ours is
 * {@code /inbound/orders} (an active EventBridge webhook that allows POST and 1024 bytes), every
 * other ID is unknown. The excess over the concurrency limit is answered at once, each admitted
 * request's answer (read from the response after the chain) is what the limit learns from, and a
 * chunked body is limited while it is read, on webhooks and on a further {@link BodyLimitedPath}.
 */
class WebhookRequestFilterTest {

  private static final Duration BUDGET = Duration.ofSeconds(4);
  private static final int RUNTIME_LIMIT = 16;
  private static final String OURS = "/inbound/orders";

  private final AtomicLong now = new AtomicLong();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RecordingWebhook webhook = new RecordingWebhook();
  private final List<String> verdictsAsked = new ArrayList<>();
  private Verdict verdict = new Verdict.Serve(activated(webhook));
  private AdaptiveConcurrencyLimit limit = limit(new ConcurrencyLimitSettings(16, 2, 100));

  @Test
  void aRequestBeyondTheLimitIs429WithRetryAfterAtOnce() throws Exception {
    limit = limit(new ConcurrencyLimitSettings(1, 1, 1));
    var filter = filter();
    var refused = new MockHttpServletResponse();
    var passedOn = new ArrayList<String>();

    // The second request arrives while the first one is in the chain, on the same thread: no
    // waiting involved.
    filter.doFilter(
        post(OURS),
        new MockHttpServletResponse(),
        answering(
            200,
            () -> {
              passedOn.add("first");
              filter.doFilter(post(OURS), refused, (request, response) -> passedOn.add("second"));
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
  void theRuntimesOwn500Becomes503OutcomeUnknownWithRetryAfterAndIsCounted() throws Exception {
    var response = new MockHttpServletResponse();

    filter().doFilter(post(OURS), response, answeringJson(500, "{\"error\":\"from the runtime\"}"));

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("1");
    assertThat(response.getHeader("X-Runtime")).isNull();
    assertThat(response.getContentAsString())
        .isEqualTo("{\"status\":503,\"reason\":\"" + RuntimeFailureStage.REASON + "\"}");
    assertThat(webhook.answers).containsExactly("POST 503 " + RuntimeFailureStage.REASON);
    // The limit learns from the answer the sender gets.
    assertThat(limit.limit()).isLessThan(16);
  }

  @Test
  void aRuntimeFailureThatEscapesItsControllerOrIsSentAsAnErrorIs503WithOurBody() throws Exception {
    FilterChain escapes =
        (request, response) -> {
          throw new java.util.NoSuchElementException();
        };
    FilterChain sentAsError =
        (request, response) -> ((HttpServletResponse) response).sendError(500);

    for (var chain : List.of(escapes, sentAsError)) {
      var response = new MockHttpServletResponse();
      filter().doFilter(post(OURS), response, chain);

      assertThat(response.getStatus()).isEqualTo(503);
      assertThat(response.getHeader("Retry-After")).isEqualTo("1");
      assertThat(response.getContentAsString()).contains(RuntimeFailureStage.REASON);
    }
    assertThat(webhook.answers).hasSize(2);
    assertThat(limit.inFlight()).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 422, 503})
  void everyOtherAnswerOfTheRuntimeIsPassedOnAsItWas(int status) throws Exception {
    var response = new MockHttpServletResponse();

    filter().doFilter(post(OURS), response, answeringJson(status, "{\"outcome\":\"AS_IT_WAS\"}"));

    assertThat(response.getStatus()).isEqualTo(status);
    assertThat(response.getContentType()).isEqualTo("application/json");
    assertThat(response.getHeader("X-Runtime")).isEqualTo("its own");
    assertThat(response.getContentAsString()).isEqualTo("{\"outcome\":\"AS_IT_WAS\"}");
    assertThat(webhook.answers).isEmpty();
  }

  @Test
  void anotherConnectorsWebhookKeepsTheRuntimes500() throws Exception {
    var response = new MockHttpServletResponse();
    verdict = new Verdict.Unknown();

    filter().doFilter(post("/inbound/someone-elses"), response, answering(500, () -> {}));

    assertThat(response.getStatus()).isEqualTo(500);
  }

  @Test
  void anAnswerOutOfTheBudgetLowersTheLimit() throws Exception {
    var filter = filter();

    filter.doFilter(post(OURS), new MockHttpServletResponse(), answering(503, () -> {}));

    assertThat(limit.limit()).isEqualTo(14);
    assertThat(limit.inFlight()).isZero();
  }

  @Test
  void aSlowAnswerLowersTheLimitAndAFastOneDoesNot() throws Exception {
    var filter = filter();

    filter.doFilter(
        post(OURS), new MockHttpServletResponse(), answering(200, () -> advanceMillis(5)));
    assertThat(limit.limit()).isEqualTo(16);

    filter.doFilter(
        post(OURS), new MockHttpServletResponse(), answering(200, () -> advanceMillis(2_001)));
    assertThat(limit.limit()).isEqualTo(14);
  }

  @Test
  void anExceptionFromTheChainGivesThePlaceBackWithoutMovingTheLimit() {
    var filter = filter();

    assertThatThrownBy(
            () ->
                filter.doFilter(
                    post(OURS),
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
    var held = holdTheOnlyPlace();
    var response = new MockHttpServletResponse();
    verdict = new Verdict.Unknown();

    filter().doFilter(post("/inbound/someone-elses"), response, answering(200, () -> {}));

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(registry.get(AdaptiveConcurrencyLimit.SHED).counter().count()).isZero();
    held.abandoned();
  }

  @Test
  void theWebhookAndItsContractAreResolvedOncePerRequest() throws Exception {
    var filter = filter();
    var passedOn = new AtomicReference<ServletRequest>();

    filter.doFilter(
        post(OURS), new MockHttpServletResponse(), (request, ignored) -> passedOn.set(request));

    assertThat(passedOn.get()).isNotNull();
    assertThat(verdictsAsked).containsExactly("orders");
    assertThat(webhook.contractsAsked).hasValue(1);
  }

  @Test
  void aWebhookNotActiveHereYetIs503WithRetryAfterAndCounted() throws Exception {
    var filter = filter();
    var response = new MockHttpServletResponse();
    var passedOn = new AtomicReference<ServletRequest>();
    verdict = new Verdict.Unavailable(Unavailability.NOT_YET_ACTIVE);

    filter.doFilter(post(OURS), response, (request, ignored) -> passedOn.set(request));

    assertThat(passedOn.get()).isNull();
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("1");
    assertThat(response.getContentAsString()).contains(AvailabilityStage.NOT_YET_ACTIVE);
    assertThat(
            registry
                .get("eventbridge.webhook.unavailable")
                .tag("verdict", "NOT_YET_ACTIVE")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aWrongMethodIs405WithTheWebhooksMethodsBeforeTheLimitIsAsked() throws Exception {
    var held = holdTheOnlyPlace();
    var response = new MockHttpServletResponse();

    filter().doFilter(new MockHttpServletRequest("PUT", OURS), response, answering(200, () -> {}));

    assertThat(response.getStatus()).isEqualTo(405);
    assertThat(response.getHeader("Allow")).isEqualTo("POST");
    assertThat(webhook.answers).containsExactly("PUT 405 method not allowed");
    assertThat(registry.get(AdaptiveConcurrencyLimit.SHED).counter().count()).isZero();
    held.abandoned();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {OURS, "/inbound/someone-elses", "/local-eventbridge", "/local-eventbridge/"})
  void aChunkedBodyOverTheLimitIs413AndGoesNoFurther(String path) throws Exception {
    var filter = filter();
    var passedOn = new AtomicReference<ServletRequest>();
    var response = new MockHttpServletResponse();
    verdict = path.equals(OURS) ? verdict : new Verdict.Unknown();

    filter.doFilter(
        chunked(path, "{\"pad\":\"" + "x".repeat(100) + "\"}"),
        response,
        (request, ignored) -> passedOn.set(request));

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(response.getHeader("Connection")).isEqualTo("close");
    assertThat(response.getContentAsString()).contains("body larger than 16 bytes");
    assertThat(passedOn.get()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {OURS, "/inbound/someone-elses", "/local-eventbridge"})
  void aChunkedBodyWithinTheLimitGoesOnWhole(String path) throws Exception {
    var filter = filter();
    var passedOn = new AtomicReference<ServletRequest>();
    verdict = path.equals(OURS) ? verdict : new Verdict.Unknown();

    filter.doFilter(
        chunked(path, "{\"id\":\"a\"}"),
        new MockHttpServletResponse(),
        (request, ignored) -> passedOn.set(request));

    assertThat(new String(passedOn.get().getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("{\"id\":\"a\"}");
    assertThat(passedOn.get().getContentLengthLong()).isEqualTo(10);
  }

  @Test
  void otherPathsPassUntouched() throws Exception {
    var filter = filter();
    var request = chunked("/actuator/health", "x".repeat(100));
    var passedOn = new AtomicReference<ServletRequest>();

    filter.doFilter(request, new MockHttpServletResponse(), (r, ignored) -> passedOn.set(r));

    assertThat(passedOn.get()).isSameAs(request);
    assertThat(verdictsAsked).isEmpty();
  }

  private WebhookRequestFilter filter() {
    return new WebhookRequestFilter(
        new AvailabilityStage(
            (webhookId, arrival) -> {
              verdictsAsked.add(webhookId);
              return verdict;
            },
            registry),
        new RequestContractStage(),
        new ConcurrencyLimitStage(limit),
        new BodyLimitStage(RUNTIME_LIMIT),
        new RuntimeFailureStage(),
        new StaticListableBeanFactory(Map.of("bus", new BodyLimitedPath("/local-eventbridge")))
            .getBeanProvider(BodyLimitedPath.class));
  }

  /** A limit of one place, taken: a request that asks the limit is shed. */
  private AdaptiveConcurrencyLimit.Admission holdTheOnlyPlace() {
    limit = limit(new ConcurrencyLimitSettings(1, 1, 1));
    return limit.tryAdmit().orElseThrow();
  }

  private AdaptiveConcurrencyLimit limit(ConcurrencyLimitSettings settings) {
    return new AdaptiveConcurrencyLimit(settings, registry, now::get);
  }

  private void advanceMillis(long millis) {
    now.addAndGet(Duration.ofMillis(millis).toNanos());
  }

  private static RegisteredExecutable.Activated activated(EventBridgeWebhookExecutable webhook) {
    return new RegisteredExecutable.Activated(
        webhook, null, ExecutableId.fromDeduplicationId("orders"));
  }

  private static MockHttpServletRequest post(String path) {
    var request = new MockHttpServletRequest("POST", path);
    request.setContentType("application/json");
    return request;
  }

  /** A request without Content-Length, as Transfer-Encoding: chunked arrives. */
  private static MockHttpServletRequest chunked(String path, String body) {
    var request =
        new MockHttpServletRequest("POST", path) {
          @Override
          public long getContentLengthLong() {
            return -1;
          }

          @Override
          public int getContentLength() {
            return -1;
          }
        };
    request.setContentType("application/json");
    request.setContent(body.getBytes(StandardCharsets.UTF_8));
    return request;
  }

  /** A chain that runs {@code during} as the request's work, then answers {@code status}. */
  private static FilterChain answering(int status, Work during) {
    return (request, response) -> {
      during.run();
      ((HttpServletResponse) response).setStatus(status);
    };
  }

  /** A chain that answers as the runtime's controller does: a status, a header and a JSON body. */
  private static FilterChain answeringJson(int status, String body) {
    return (request, response) -> {
      var http = (HttpServletResponse) response;
      http.setStatus(status);
      http.setContentType("application/json");
      http.setHeader("X-Runtime", "its own");
      http.getOutputStream().write(body.getBytes(UTF_8));
    };
  }

  @FunctionalInterface
  private interface Work {
    void run() throws IOException, ServletException;
  }

  /**
   * An active EventBridge webhook that allows POST, with the default budget, recording the
   * runtime's answers and how often its contract is asked for.
   */
  private static final class RecordingWebhook extends EventBridgeWebhookExecutable {

    final List<String> answers = new ArrayList<>();
    final AtomicInteger contractsAsked = new AtomicInteger();

    @Override
    public Optional<RequestContract> requestContract() {
      contractsAsked.incrementAndGet();
      return Optional.of(new RequestContract(Set.of("POST"), 1024, BUDGET));
    }

    @Override
    public void answeredByRuntime(String method, int status, String reason) {
      answers.add(method + " " + status + " " + reason);
    }
  }
}
