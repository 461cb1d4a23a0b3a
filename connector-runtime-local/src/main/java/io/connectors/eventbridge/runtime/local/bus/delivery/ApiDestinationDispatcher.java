package io.connectors.eventbridge.runtime.local.bus.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectors.eventbridge.runtime.local.bus.delivery.DeliveryMetrics.DeadLetterCause;
import io.connectors.eventbridge.runtime.local.bus.rules.RuleTarget;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to rule targets the way EventBridge API destinations do: asynchronously, as a
 * POST of the event envelope with API destinations' headers and the connection's auth header,
 * retrying 429 and 5xx with backoff, and dead-lettering what cannot be delivered.
 *
 * <p>Custom Event Bus subscribers deliver through it too, each with its own {@link DeliveryPlan}
 * (attempts, what is retried, a maximum event age) and a callback when an event is done, which a
 * FIFO subscriber's event group waits for ({@link SubscriberDelivery}).
 *
 * <p>Bounded: at most {@code maxPending} deliveries are in flight or waiting for a retry; an event
 * beyond that goes straight to the dead-letter log rather than piling up in memory.
 */
public final class ApiDestinationDispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiDestinationDispatcher.class);
  static final String USER_AGENT = "Amazon/EventBridge/ApiDestinations";
  static final String CONTENT_TYPE = "application/json; charset=utf-8";

  private final HttpClient http;
  private final ScheduledExecutorService retryTimer;
  private final Semaphore pending;
  // A rule target's; a subscriber's plan brings its own (onOutcome reads the plan's).
  private final DeliveryRetryPolicy ruleTargetRetryPolicy;
  private final Duration timeout;
  private final DeadLetterLog deadLetters;
  private final DeliveryMetrics metrics;

  public ApiDestinationDispatcher(
      DeliveryRetryPolicy retryPolicy,
      Duration timeout,
      int maxPending,
      DeadLetterLog deadLetters,
      DeliveryMetrics metrics) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.retryTimer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("local-bus-retry").factory());
    this.pending = new Semaphore(maxPending);
    this.ruleTargetRetryPolicy = retryPolicy;
    this.timeout = timeout;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
  }

  /**
   * One event on its way to one target.
   *
   * @param whenDone runs once, when the event is delivered or dead-lettered
   */
  private record Delivery(
      DeliveryPlan plan,
      String rule,
      RuleTarget target,
      String eventId,
      byte[] body,
      JsonNode event,
      Runnable whenDone) {}

  /**
   * Starts delivering {@code body} (the serialised {@code event}) to a rule's target as an API
   * destination would, and returns at once.
   */
  public void dispatch(
      String rule, RuleTarget target, String eventId, byte[] body, JsonNode event) {
    dispatch(ruleTargetPlan(), rule, target, eventId, body, event, () -> {});
  }

  /** A rule target's plan for an event accepted now. */
  private DeliveryPlan ruleTargetPlan() {
    return new DeliveryPlan(
        ruleTargetRetryPolicy,
        timeout,
        DeliveryPlan.Retries.AS_API_DESTINATION,
        Instant.now().plus(DeliveryPlan.RULE_TARGET_MAX_EVENT_AGE));
  }

  /**
   * Starts delivering {@code body} by {@code plan} and returns at once; {@code whenDone} runs when
   * the event is delivered or given up (a FIFO subscriber's group waits for it).
   *
   * @param origin the rule or subscriber the delivery is for, for logs and dead letters
   */
  public void dispatch(
      DeliveryPlan plan,
      String origin,
      RuleTarget target,
      String eventId,
      byte[] body,
      JsonNode event,
      Runnable whenDone) {
    var delivery = new Delivery(plan, origin, target, eventId, body, event, whenDone);
    if (plan.tooOldAt(Instant.now())) {
      // Waited in its FIFO group past the subscriber's maximum event age.
      deadLetter(delivery, 0, DeadLetterCause.MAX_EVENT_AGE, "maximum event age reached");
      return;
    }
    if (!pending.tryAcquire()) {
      deadLetter(delivery, 0, DeadLetterCause.QUEUE_FULL, "local bus delivery queue full");
      return;
    }
    attempt(delivery, 1);
  }

  /**
   * Gives an event up without attempting it, because a queue in front of the dispatcher (a FIFO
   * subscriber's groups) is full: dead-lettered as a full delivery queue is.
   */
  public void refuseQueueFull(String origin, RuleTarget target, String eventId, JsonNode event) {
    deadLetter(
        new Delivery(ruleTargetPlan(), origin, target, eventId, new byte[0], event, () -> {}),
        0,
        DeadLetterCause.QUEUE_FULL,
        "local bus FIFO queue full");
  }

  private void attempt(Delivery delivery, int attempt) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(delivery.target().url())
              .timeout(delivery.plan().timeout())
              .header("User-Agent", USER_AGENT)
              .header("Content-Type", CONTENT_TYPE)
              .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
      delivery.target().auth().header().ifPresent(h -> request.header(h.name(), h.value()));
      http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
          .whenComplete((response, error) -> onOutcome(delivery, attempt, response, error));
    } catch (IllegalArgumentException | IllegalStateException e) {
      // A request that cannot be sent at all: a restricted header name or a value with CR/LF
      // (e.g. a secret with a trailing newline), or a client after close(). Retrying would not
      // help; the delivery slot is released and the event dead-lettered. The message is not
      // logged: it can quote the header value.
      finish();
      deadLetter(
          delivery,
          attempt,
          DeadLetterCause.UNSENDABLE,
          "request could not be built or sent (" + e.getClass().getSimpleName() + ")");
    }
  }

  private void onOutcome(
      Delivery delivery, int attempt, HttpResponse<Void> response, Throwable error) {
    if (error == null && response.statusCode() / 100 == 2) {
      finish();
      metrics.delivered();
      delivery.whenDone().run();
      LOG.debug(
          "Local bus delivered event {} (rule '{}') to {}: HTTP {}",
          delivery.eventId(),
          delivery.rule(),
          delivery.target().displayUrl(),
          response.statusCode());
      return;
    }
    String outcome = error != null ? describe(error) : "HTTP " + response.statusCode();
    DeliveryPlan plan = delivery.plan();
    DeliveryRetryPolicy retryPolicy = plan.retryPolicy();
    boolean retryable = error != null || plan.retries().retries(response.statusCode());
    Duration delay =
        retryPolicy.delayAfter(
            attempt,
            error == null && plan.retries().readsRetryAfter()
                ? retryAfter(response)
                : Optional.empty());
    if (retryable
        && attempt < retryPolicy.maxAttempts()
        && plan.tooOldAfter(Instant.now(), delay)) {
      finish();
      deadLetter(
          delivery,
          attempt,
          DeadLetterCause.MAX_EVENT_AGE,
          outcome + "; maximum event age reached");
      return;
    }
    if (retryable && attempt < retryPolicy.maxAttempts()) {
      LOG.info(
          "Local bus delivery of event {} to {} failed ({}), attempt {}/{}, retrying in {} ms",
          delivery.eventId(),
          delivery.target().displayUrl(),
          outcome,
          attempt,
          retryPolicy.maxAttempts(),
          delay.toMillis());
      metrics.retried();
      try {
        retryTimer.schedule(
            () -> attempt(delivery, attempt + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException shuttingDown) {
        finish();
        deadLetter(delivery, attempt, DeadLetterCause.SHUTTING_DOWN, outcome + "; shutting down");
      }
      return;
    }
    finish();
    if (retryable) {
      deadLetter(
          delivery, attempt, DeadLetterCause.RETRIES_EXHAUSTED, outcome + "; retries exhausted");
    } else {
      deadLetter(delivery, attempt, DeadLetterCause.NOT_RETRYABLE, outcome + "; not retryable");
    }
  }

  private void finish() {
    pending.release();
  }

  private void deadLetter(Delivery delivery, int attempts, DeadLetterCause cause, String reason) {
    metrics.deadLettered(cause);
    deadLetters.add(
        new DeadLetter(
            Instant.now(),
            delivery.eventId(),
            delivery.rule(),
            delivery.target().displayUrl(),
            attempts,
            reason,
            delivery.event()));
    delivery.whenDone().run();
  }

  /** Retry-After as seconds or as an HTTP date, as RFC 9110 allows both. */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(ApiDestinationDispatcher::parseRetryAfter);
  }

  static Optional<Duration> parseRetryAfter(String value) {
    String trimmed = value.trim();
    if (!trimmed.isEmpty() && trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // Seconds, however many: past a long's range it is longer than any event may wait.
      var seconds = new BigInteger(trimmed);
      return Optional.of(
          Duration.ofSeconds(
              seconds.bitLength() < Long.SIZE ? seconds.longValue() : Long.MAX_VALUE));
    }
    try {
      var date = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(Instant.now(), date.toInstant());
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException notADate) {
      return Optional.empty();
    }
  }

  private static String describe(Throwable error) {
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    if (cause instanceof HttpTimeoutException) {
      return "timeout";
    }
    return cause.getClass().getSimpleName();
  }

  @Override
  public void close() {
    retryTimer.shutdownNow();
    http.shutdownNow();
  }
}
