package io.connectors.eventbridge.runtime.support.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Delivers EventBridge events to a webhook as an EventBridge API destination does, through a {@link
 * Balancer} in front of the replicas.
 *
 * <ul>
 *   <li>Each event is a unique EventBridge envelope ({@code version, id, detail-type, source,
 *       account, time, region, resources, detail}) posted as {@code application/json}.
 *   <li>Each attempt has {@link RetryRules#attemptTimeout()} (EventBridge: 5 s).
 *   <li>429, 5xx, a timeout and a connection failure are retried after an exponential backoff with
 *       jitter, or after the answer's {@code Retry-After} if it has one (with up to 20 % jitter, so
 *       that a burst answered together does not come back together); both capped by {@link
 *       RetryRules#maxBackoff()}. Any other status is final: a 4xx other than 429 drops the event.
 *   <li>An event is given up (expired) after {@link RetryRules#maxAttempts()} attempts or when its
 *       next attempt would start after {@link RetryRules#maxEventAge()} (EventBridge: 185 and 24
 *       hours; a test uses a shorter age).
 *   <li>Every retry goes through the balancer again, so it may reach another replica.
 * </ul>
 *
 * <p>Open loop: events are scheduled by due time at a fixed rate whatever the answers, and every
 * latency counts from the event's due time, so a sender that falls behind shows as latency too.
 * Attempts run on virtual threads, at most {@link RetryRules#maxInFlight()} at once.
 */
public final class ApiDestinationSender implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The sender's retry rules.
   *
   * @param attemptTimeout time for one attempt's answer
   * @param maxAttempts attempts per event, the first included
   * @param maxEventAge no attempt starts later than this after the event's due time
   * @param initialBackoff the wait after the first failure without Retry-After; doubled per attempt
   * @param maxBackoff the longest wait, Retry-After included
   * @param maxInFlight attempts under way at once (a bounded sender)
   */
  public record RetryRules(
      Duration attemptTimeout,
      int maxAttempts,
      Duration maxEventAge,
      Duration initialBackoff,
      Duration maxBackoff,
      int maxInFlight) {

    /**
     * EventBridge's rules (5 s per attempt, up to 185 attempts, exponential backoff with jitter)
     * with the given maximum event age (EventBridge's default is 24 hours).
     */
    public static RetryRules eventBridge(Duration maxEventAge, Duration maxBackoff) {
      return new RetryRules(
          Duration.ofSeconds(5), 185, maxEventAge, Duration.ofMillis(500), maxBackoff, 512);
    }
  }

  private final Balancer balancer;
  private final String path;
  private final RetryRules rules;
  private final HttpClient http;
  private final ExecutorService attempts =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fleet-attempt-", 0).factory());
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("fleet-retry-timer").factory());
  private final Semaphore inFlight;
  private final AtomicLong sequence = new AtomicLong();

  /**
   * @param path the webhook's path on every replica, e.g. {@code /inbound/orders}
   */
  public ApiDestinationSender(Balancer balancer, String path, RetryRules rules) {
    this.balancer = balancer;
    this.path = path;
    this.rules = rules;
    this.inFlight = new Semaphore(rules.maxInFlight());
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
  }

  public RetryRules rules() {
    return rules;
  }

  /**
   * Sends {@code perSecond} events a second, each when it is due, for {@code duration} or, if that
   * is null, until {@link LoadPhase#stop()}.
   */
  public LoadPhase openLoop(String name, double perSecond, Duration duration) {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("rate must be positive: " + perSecond);
    }
    var phase = new LoadPhase(name, perSecond);
    Thread.ofPlatform()
        .daemon()
        .name("fleet-open-loop-" + name)
        .start(
            () -> {
              try {
                long start = System.nanoTime();
                long end = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
                double interval = 1e9 / perSecond;
                phase.started(start);
                for (long i = 0; !phase.stopped(); i++) {
                  long due = start + (long) (i * interval);
                  if (due >= end) {
                    break;
                  }
                  // Scheduling by due time: park until this event is due, never longer.
                  for (long wait = due - System.nanoTime();
                      wait > 0;
                      wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                  }
                  if (phase.stopped()) {
                    break;
                  }
                  var event = newEvent(name, due);
                  phase.add(event);
                  attempt(event);
                }
                phase.sendingEnded(Math.min(end, System.nanoTime()));
              } catch (RuntimeException | Error e) {
                phase.sendingFailed(e);
              }
            });
    return phase;
  }

  /**
   * {@code concurrency} senders, each sending its next event once its last one is final (with
   * retries), for {@code duration}.
   */
  public LoadPhase closedLoop(String name, int concurrency, Duration duration) {
    var phase = new LoadPhase(name, 0);
    Thread.ofPlatform()
        .daemon()
        .name("fleet-closed-loop-" + name)
        .start(
            () -> {
              try {
                long start = System.nanoTime();
                long end = start + duration.toNanos();
                phase.started(start);
                try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
                  for (int i = 0; i < concurrency; i++) {
                    senders.execute(
                        () -> {
                          for (long now = System.nanoTime();
                              now < end && !phase.stopped();
                              now = System.nanoTime()) {
                            var event = newEvent(name, now);
                            phase.add(event);
                            attempt(event);
                            event.done().join();
                          }
                        });
                  }
                }
                phase.sendingEnded(end);
              } catch (RuntimeException | Error e) {
                phase.sendingFailed(e);
              }
            });
    return phase;
  }

  private SentEvent newEvent(String phase, long due) {
    String id = UUID.randomUUID().toString();
    long seq = sequence.incrementAndGet();
    var envelope = JSON.createObjectNode();
    envelope.put("version", "0");
    envelope.put("id", id);
    envelope.put("detail-type", "FleetProbe");
    envelope.put("source", "com.example.fleet");
    envelope.put("account", "123456789012");
    envelope.put("time", Instant.now().toString());
    envelope.put("region", "us-east-1");
    envelope.putArray("resources");
    envelope.putObject("detail").put("phase", phase).put("seq", seq);
    return new SentEvent(id, due, envelope.toString());
  }

  private void attempt(SentEvent event) {
    attempts.execute(() -> send(event));
  }

  private void send(SentEvent event) {
    Balancer.Target target;
    try {
      target = balancer.pick();
    } catch (IllegalStateException e) {
      finish(event, new Attempt(event.attemptCount() + 1, "-", now(), now(), -1, "REFUSED", -1));
      return;
    }
    inFlight.acquireUninterruptibly();
    long sent = System.nanoTime();
    int status = Attempt.NO_ANSWER;
    String outcome;
    long retryAfter = -1;
    try {
      var response =
          http.send(
              HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                  .timeout(rules.attemptTimeout())
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(event.body()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      status = response.statusCode();
      outcome = outcomeOf(status, response.body());
      retryAfter =
          response
              .headers()
              .firstValue("Retry-After")
              .map(ApiDestinationSender::retryAfterMillis)
              .orElse(-1L);
    } catch (HttpConnectTimeoutException e) {
      outcome = "CONNECT_TIMEOUT";
    } catch (HttpTimeoutException e) {
      outcome = "TIMEOUT";
    } catch (ConnectException e) {
      outcome = "REFUSED";
    } catch (IOException e) {
      // The connection broke after the request went out (a replica killed or stopping).
      outcome = "IO_ERROR";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = "INTERRUPTED";
    } finally {
      inFlight.release();
    }
    int number = event.attemptCount() + 1;
    finish(
        event,
        new Attempt(number, target.name(), sent, System.nanoTime(), status, outcome, retryAfter));
  }

  private void finish(SentEvent event, Attempt attempt) {
    int count = event.record(attempt);
    if (attempt.success()) {
      event.finish(SentEvent.Result.DELIVERED);
      return;
    }
    if (!attempt.retryable()) {
      event.finish(SentEvent.Result.DROPPED);
      return;
    }
    long delay = delayNanos(count, attempt.retryAfterMillis());
    long nextStart = System.nanoTime() + delay;
    if (count >= rules.maxAttempts()
        || nextStart - event.dueNanos() > rules.maxEventAge().toNanos()
        || retries.isShutdown()) {
      event.finish(SentEvent.Result.EXPIRED);
      return;
    }
    retries.schedule(() -> attempt(event), delay, TimeUnit.NANOSECONDS);
  }

  private long delayNanos(int attempt, long retryAfterMillis) {
    var random = ThreadLocalRandom.current();
    long cap = rules.maxBackoff().toNanos();
    if (retryAfterMillis >= 0) {
      long base = Math.min(TimeUnit.MILLISECONDS.toNanos(retryAfterMillis), cap);
      return base + (long) (base * 0.2 * random.nextDouble());
    }
    long backoff = rules.initialBackoff().toNanos() << Math.min(attempt - 1, 20);
    long capped = Math.min(Math.max(backoff, 0), cap);
    // "Equal jitter": half fixed, half random.
    return capped / 2 + (long) (capped / 2.0 * random.nextDouble());
  }

  private static String outcomeOf(int status, String body) {
    try {
      JsonNode answer = JSON.readTree(body);
      String outcome = answer == null ? "" : answer.path("outcome").asText("");
      if (!outcome.isEmpty()) {
        return outcome;
      }
    } catch (IOException e) {
      // not JSON: named by status below
    }
    return switch (status) {
      case 429 -> "LIMITED";
      case 404 -> "NOT_FOUND";
      default -> "HTTP_" + status;
    };
  }

  /** Retry-After in seconds; an HTTP date is not used by the runtime and counts as absent. */
  private static long retryAfterMillis(String value) {
    try {
      return TimeUnit.SECONDS.toMillis(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static long now() {
    return System.nanoTime();
  }

  @Override
  public void close() {
    retries.shutdownNow();
    attempts.shutdownNow();
    http.close();
  }
}
