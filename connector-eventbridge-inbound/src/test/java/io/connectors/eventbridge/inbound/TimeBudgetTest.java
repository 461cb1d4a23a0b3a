package io.connectors.eventbridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.camunda.client.api.command.ClientException;
import io.camunda.connector.api.inbound.CorrelationResult;
import io.connectors.eventbridge.inbound.http.EventOutcome;
import io.connectors.eventbridge.inbound.model.Defaults;
import io.connectors.eventbridge.inbound.support.Events;
import io.connectors.eventbridge.inbound.support.OdwFixtures;
import io.connectors.eventbridge.inbound.support.Properties;
import io.connectors.eventbridge.inbound.support.TestInboundContext;
import io.connectors.eventbridge.inbound.support.TestPayload;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A correlate call that outlives the budget, through the whole request path with the shared
 * watchdog: answered soon after the budget, however the runtime reacts to the interrupt: 503 {@code
 * OUTCOME_UNKNOWN} (the command was handed to the engine, so the answer must not say nothing
 * happened), or what the engine answered if its answer came in first; and the request thread goes
 * back without the interrupt.
 */
class TimeBudgetTest {

  private static final int BUDGET_MILLIS = 150;
  // A busy 2-core machine can hold the watchdog or the request thread back for a while; far less
  // than the call would hang without the watchdog.
  private static final Duration SCHEDULING_SLACK = Duration.ofMillis(1000);
  private static final long HANG_SECONDS = 30;

  /** How the runtime's correlate path ends once its wait for the engine is interrupted. */
  enum RuntimeReaction {
    /**
     * gRPC: {@code CamundaClientFutureImpl.join} gets an InterruptedException from {@code
     * CompletableFuture.get} (which consumes the flag) and throws a ClientException; {@code
     * InboundCorrelationHandler} returns it as {@code Failure.Other}.
     */
    GRPC_FLAG_CONSUMED_FAILURE_OTHER(
        interrupted ->
            new CorrelationResult.Failure.Other(
                new ClientException(
                    "Unexpectedly interrupted awaiting client response", interrupted))),
    /** REST: {@code HttpCamundaFuture.join} sets the flag again before throwing. */
    REST_FLAG_RESTORED_FAILURE_OTHER(
        interrupted -> {
          Thread.currentThread().interrupt();
          return new CorrelationResult.Failure.Other(
              new ClientException("Failed: interrupted while awaiting response", interrupted));
        }),
    /** The engine's answer came in just as the interrupt did: the command was published. */
    ANSWER_WON_FLAG_LEFT_SET(
        interrupted -> {
          Thread.currentThread().interrupt();
          return new CorrelationResult.Success.MessagePublished(null, 7L, "<default>");
        }),
    /** A runtime that throws instead of returning a failure. */
    THROWS(
        interrupted -> {
          throw new ClientException("interrupted", interrupted);
        });

    private final Function<InterruptedException, CorrelationResult> afterInterrupt;

    RuntimeReaction(Function<InterruptedException, CorrelationResult> afterInterrupt) {
      this.afterInterrupt = afterInterrupt;
    }
  }

  @ParameterizedTest
  @EnumSource(RuntimeReaction.class)
  void aCorrelateCallThatOutlivesTheBudgetIsAnsweredSoonAfterItAndNeverAsIfNothingHappened(
      RuntimeReaction reaction) {
    var neverAnswered = new CountDownLatch(1);
    var sawInterrupt = new AtomicBoolean();
    var context =
        new TestInboundContext(
                Properties.webhook().set("timeBudgetMillis", String.valueOf(BUDGET_MILLIS)).build())
            .answerAlways(
                request -> {
                  try {
                    // Stands for the runtime's join() on a command the engine does not answer.
                    neverAnswered.await(HANG_SECONDS, TimeUnit.SECONDS);
                  } catch (InterruptedException interrupted) {
                    sawInterrupt.set(true);
                    return reaction.afterInterrupt.apply(interrupted);
                  }
                  return new CorrelationResult.Failure.Other(new IllegalStateException("hung"));
                });
    var executable = context.activateWebhook();

    long start = System.nanoTime();
    var response = executable.verify(TestPayload.post(Events.orderPlaced("e-1", "o-1")));
    var elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(sawInterrupt).isTrue();
    assertThat(elapsed)
        .isGreaterThanOrEqualTo(Duration.ofMillis(BUDGET_MILLIS))
        .isLessThan(
            Duration.ofMillis(BUDGET_MILLIS)
                .plus(CorrelationWatchdog.PERIOD)
                .plus(SCHEDULING_SLACK));
    if (reaction == RuntimeReaction.ANSWER_WON_FLAG_LEFT_SET) {
      // The engine's answer came in: it stands, a retry would only repeat what happened.
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(((EventOutcome) response.body()).outcome()).isEqualTo("MESSAGE_PUBLISHED");
      return;
    }
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers()).containsEntry("Retry-After", "5");
    assertThat(((EventOutcome) response.body()).outcome()).isEqualTo("OUTCOME_UNKNOWN");
  }

  /**
   * Decrypting an On-Demand Worker Request verifies an ECDSA P-384 signature (milliseconds here),
   * so a 1 ms budget runs out during it: the event must not be sent to the engine after that, since
   * the sender is told to retry it.
   */
  @Test
  void aBudgetThatRunsOutDuringDecryptionLeavesTheEventUnsent() throws Exception {
    var event = OdwFixtures.read(OdwFixtures.COMMITTING);
    // Loads every class of the path first, so that the 1 ms are not spent before the event, and
    // measures the whole request, decryption included, to know the budget runs out inside it.
    var warm = new TestInboundContext(decrypting(Defaults.TIME_BUDGET_MILLIS));
    var warmWebhook = warm.activateWebhook();
    long fastest = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      warmWebhook.verify(TestPayload.post(event));
      fastest = Math.min(fastest, System.nanoTime() - start);
    }
    assertThat(warm.correlations()).hasSize(3);
    assumeTrue(
        fastest >= TimeUnit.MILLISECONDS.toNanos(2),
        "a request with decryption took under 2 ms here; a 1 ms budget could outlast it");

    var context = new TestInboundContext(decrypting(1));
    var response = context.activateWebhook().verify(TestPayload.post(event));

    assertThat(context.correlations()).isEmpty();
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(((EventOutcome) response.body()).outcome()).isEqualTo("NOT_ATTEMPTED");
  }

  private static Map<String, Object> decrypting(int budgetMillis) {
    return Properties.webhook()
        .set("timeBudgetMillis", String.valueOf(budgetMillis))
        .set("decryption.type", "awsEncryptionSdk")
        .set("decryption.key", OdwFixtures.KEY_BASE64)
        .build();
  }
}
