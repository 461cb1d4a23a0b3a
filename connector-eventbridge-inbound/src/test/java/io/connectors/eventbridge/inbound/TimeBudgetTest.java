package io.connectors.eventbridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ClientException;
import io.camunda.connector.api.inbound.CorrelationResult;
import io.camunda.connector.api.inbound.webhook.WebhookConnectorException;
import io.camunda.connector.api.inbound.webhook.WebhookHttpResponse;
import io.connectors.eventbridge.inbound.http.EventOutcome;
import io.connectors.eventbridge.inbound.support.Events;
import io.connectors.eventbridge.inbound.support.OdwFixtures;
import io.connectors.eventbridge.inbound.support.Properties;
import io.connectors.eventbridge.inbound.support.TestWebhooks;
import io.connectors.eventbridge.testsupport.TestInboundContext;
import io.connectors.eventbridge.testsupport.TestPayload;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The time budget through the whole request path, on a nano clock the test moves itself and a
 * watchdog it scans itself, so nothing depends on how fast this machine is.
 *
 * <p>A correlate call that outlives the budget is interrupted by the first scan at or after the
 * deadline, however the runtime reacts to the interrupt, and is answered 503 {@code
 * OUTCOME_UNKNOWN} (the command was handed to the engine, so the answer must not say nothing
 * happened), or with what the engine answered if its answer came in first; the request thread goes
 * back without the interrupt. An event whose budget runs out before it is handed to the engine is
 * answered 503 {@code NOT_ATTEMPTED} and never sent.
 */
class TimeBudgetTest {

  private static final Duration BUDGET = Duration.ofMillis(150);
  private static final int TICK_MILLIS = 1;
  // Bounds, not sleeps: they only keep a broken path from hanging the build.
  private static final long WAIT_SECONDS = 10;
  private static final long HANG_SECONDS = 30;

  private final ExecutorService requestThread = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopRequestThread() {
    requestThread.shutdownNow();
  }

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

  private record Answer(WebhookHttpResponse response, boolean threadInterruptedAfter) {}

  @ParameterizedTest
  @EnumSource(RuntimeReaction.class)
  void
      aCorrelateCallThatOutlivesTheBudgetIsInterruptedAtTheDeadlineAndNeverAnsweredAsIfNothingHappened(
          RuntimeReaction reaction) throws Exception {
    var nanos = new AtomicLong();
    var watchdog = new CorrelationWatchdog(nanos::get);
    var correlating = new CountDownLatch(1);
    var sawInterrupt = new AtomicBoolean();
    var context =
        new TestInboundContext(
                Properties.webhook()
                    .set("timeBudgetMillis", String.valueOf(BUDGET.toMillis()))
                    .build())
            .answerAlways(
                request -> {
                  correlating.countDown();
                  try {
                    // Stands for the runtime's join() on a command the engine does not answer.
                    new CountDownLatch(1).await(HANG_SECONDS, TimeUnit.SECONDS);
                  } catch (InterruptedException interrupted) {
                    sawInterrupt.set(true);
                    return reaction.afterInterrupt.apply(interrupted);
                  }
                  return new CorrelationResult.Failure.Other(new IllegalStateException("hung"));
                });
    var executable = TestWebhooks.activate(context, resources(watchdog));
    var answer =
        requestThread.submit(
            () ->
                new Answer(
                    executable.verify(TestPayload.post(Events.orderPlaced("e-1", "o-1"))),
                    Thread.currentThread().isInterrupted()));
    assertThat(correlating.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

    nanos.addAndGet(BUDGET.toNanos() - 1);
    watchdog.scan();
    // A scan interrupts synchronously and stops watching whom it interrupted.
    assertThat(watchdog.size()).isOne();
    nanos.addAndGet(1);
    watchdog.scan();
    var result = answer.get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(sawInterrupt).isTrue();
    assertThat(result.threadInterruptedAfter()).isFalse();
    assertThat(watchdog.size()).isZero();
    var response = result.response();
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
   * Every look at the clock finds {@link #TICK_MILLIS} gone. The request looks when it starts its
   * watch, before the event, and after decrypting it, so a budget of two ticks covers the look
   * before the event and is spent by the look after decryption: the event must not be sent to the
   * engine after that, since the sender is told to retry it. A budget of three ticks lets it
   * through.
   */
  @Test
  void aBudgetThatRunsOutDuringDecryptionLeavesTheEventUnsent() throws Exception {
    var event = OdwFixtures.read(OdwFixtures.COMMITTING);

    var spentDuringDecryption = new TestInboundContext(decrypting(2 * TICK_MILLIS));
    var response =
        TestWebhooks.activate(spentDuringDecryption, ticking()).verify(TestPayload.post(event));

    assertThat(spentDuringDecryption.correlations()).isEmpty();
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(((EventOutcome) response.body()).outcome()).isEqualTo("NOT_ATTEMPTED");

    var longEnough = new TestInboundContext(decrypting(3 * TICK_MILLIS));
    assertThat(
            TestWebhooks.activate(longEnough, ticking())
                .verify(TestPayload.post(event))
                .statusCode())
        .isEqualTo(200);
    assertThat(longEnough.correlations()).hasSize(1);
  }

  /** The path a runtime that correlates itself takes has the same budget. */
  @Test
  void triggerWebhookLeavesAnEventWhoseBudgetRanOutDuringDecryptionToTheSendersRetry()
      throws Exception {
    var event = OdwFixtures.read(OdwFixtures.COMMITTING);
    var executable =
        TestWebhooks.activate(new TestInboundContext(decrypting(2 * TICK_MILLIS)), ticking());

    assertThatThrownBy(() -> executable.triggerWebhook(TestPayload.post(event)))
        .isInstanceOfSatisfying(
            WebhookConnectorException.class, e -> assertThat(e.getStatusCode()).isEqualTo(503));
  }

  private static WebhookResources ticking() {
    var nanos = new AtomicLong();
    long tick = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    LongSupplier clock = () -> nanos.addAndGet(tick);
    return resources(new CorrelationWatchdog(clock));
  }

  /** With a watchdog that only scans when the test says so. */
  private static WebhookResources resources(CorrelationWatchdog watchdog) {
    return new WebhookResources(new SimpleMeterRegistry(), Clock.systemUTC(), watchdog);
  }

  private static Map<String, Object> decrypting(int budgetMillis) {
    return Properties.webhook()
        .set("timeBudgetMillis", String.valueOf(budgetMillis))
        .set("decryption.type", "awsEncryptionSdk")
        .set("decryption.key", OdwFixtures.KEY_BASE64)
        .build();
  }
}
