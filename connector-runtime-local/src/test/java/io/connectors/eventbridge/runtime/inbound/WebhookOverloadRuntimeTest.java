package io.connectors.eventbridge.runtime.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import io.connectors.eventbridge.testsupport.JwksServer;
import io.connectors.eventbridge.testsupport.Jwts;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * More webhook requests in flight than the runtime admits are answered 429 with Retry-After at
 * once, instead of queueing past EventBridge's timeout. Requests are held in flight by a JWKS
 * endpoint that answers only when the test lets it. The limit is fixed at 2 (initial, min and max
 * alike), so how it adapts does not enter here; that is AdaptiveConcurrencyLimitTest's.
 */
@LocalRuntimeTest
// A context of its own (another limit): it scans no deploy folder, so the shared context's
// deploy-folder test sees only its own deployer, and it is closed after this class.
@TestPropertySource(
    properties = {
      "eventbridge.webhook.concurrency-limit.initial=2",
      "eventbridge.webhook.concurrency-limit.min=2",
      "eventbridge.webhook.concurrency-limit.max=2",
      "eventbridge.local.deploy-dirs="
    })
@DirtiesContext
class WebhookOverloadRuntimeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired LocalRuntime runtime;

  @Test
  void requestsBeyondTheLimitAre429WhileTheAdmittedOnesComplete() throws Exception {
    RSAKey key = Jwts.rsaKey("overload-key");
    var release = new CountDownLatch(1);
    var waiting = new AtomicInteger();
    // Holds every JWKS fetch, and so each admitted request, until the test releases them.
    JwksServer server =
        JwksServer.serving(
            key,
            () -> {
              waiting.incrementAndGet();
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    try {
      String webhookId = "rt-overload";
      runtime
          .client()
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess(webhookId)
                  .startEvent()
                  .zeebeProperty("inbound.type", "io.connectors.eventbridge:webhook:1")
                  .zeebeProperty("inbound.context", webhookId)
                  .zeebeProperty("inbound.auth.type", "jwt")
                  .zeebeProperty("inbound.auth.jwksUrl", server.url())
                  .endEvent()
                  .done(),
              webhookId + ".bpmn")
          .send()
          .join();
      runtime.awaitInboundHealth(webhookId, "UP", TIMEOUT);
      String token = token(key);

      var first = post(webhookId, token, "e-1");
      LocalRuntime.await(
          "the first request to wait for the key set",
          TIMEOUT,
          () -> waiting.get() >= 1 ? Optional.of(true) : Optional.empty());
      // The first request holds one of the two places until the key set arrives; of the next
      // two, one takes the other place and waits too, and one is refused at once.
      var second = post(webhookId, token, "e-2");
      var third = post(webhookId, token, "e-3");
      var refused = CompletableFuture.anyOf(second, third).get(10, TimeUnit.SECONDS);
      @SuppressWarnings("unchecked")
      var answer = (HttpResponse<String>) refused;
      assertThat(answer.statusCode()).isEqualTo(429);
      assertThat(answer.headers().firstValue("Retry-After")).contains("1");
      assertThat(answer.body()).contains("too many requests in flight");
      var admitted = second.isDone() && second.join() == answer ? third : second;

      release.countDown();
      assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(admitted.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(
              runtime.metric(
                  "eventbridge_webhook_requests_total",
                  "webhook=\"" + webhookId + "\"",
                  "status=\"429\""))
          .isEqualTo(1);
      assertThat(runtime.metric("eventbridge_webhook_shed_total")).isEqualTo(1);
      assertThat(runtime.metric("eventbridge_webhook_concurrency_limit")).isEqualTo(2);
      // The answer may reach the client before the filter gives the place back.
      LocalRuntime.await(
          "both places to be given back",
          TIMEOUT,
          () ->
              runtime.metric("eventbridge_webhook_concurrency_in_flight") == 0
                  ? Optional.of(true)
                  : Optional.empty());
    } finally {
      release.countDown();
      server.close();
    }
  }

  private CompletableFuture<HttpResponse<String>> post(String webhookId, String token, String id) {
    return HTTP.sendAsync(
        HttpRequest.newBuilder(runtime.webhookUrl(webhookId))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Neither issuer nor audience: the webhook checks neither. */
  private static String token(RSAKey key) {
    return Jwts.rs256(
        key,
        new JWTClaimsSet.Builder()
            .subject("eventbridge")
            .expirationTime(Date.from(Instant.now().plusSeconds(300)))
            .build());
  }
}
