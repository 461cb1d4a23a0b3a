package io.connectors.eventbridge.runtime.support.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Delivers EventBridge events to a webhook as an EventBridge API destination does, through a {@link
 * Balancer} in front of the replicas.
 *
 * <ul>
 *   <li>Each event is a unique EventBridge envelope ({@code version, id, detail-type, source,
 *       account, time, region, resources, detail}) posted as {@code application/json}.
 *   <li>Each attempt has {@link RetryRules#attemptTimeout()} (EventBridge: 5 s).
 *   <li>429, 5xx, a timeout and a connection failure are retried after an exponential backoff with
 *       jitter capped by {@link RetryRules#maxBackoff()}, or, when the answer has a {@code
 *       Retry-After}, after that wait as given (EventBridge honours it), with up to 20 % jitter so
 *       that a burst answered together does not come back together. Any other status is final: a
 *       4xx other than 429 drops the event.
 *   <li>An event is given up (expired) after {@link RetryRules#maxAttempts()} attempts or when its
 *       next attempt would start after {@link RetryRules#maxEventAge()} (EventBridge: 185 and 24
 *       hours; a test uses a shorter age).
 *   <li>Every retry goes through the balancer again, so it may reach another replica.
 * </ul>
 *
 * <p>Open loop: events are scheduled by due time at a fixed rate whatever the answers, and every
 * latency counts from the event's due time, so a sender that falls behind shows as latency too.
 * Attempts run on a pool of {@link RetryRules#maxInFlight()} threads.
 *
 * <p>In production the sender is EventBridge, on machines of its own; here it runs on the machine
 * of the engine and the replicas, and past the knee it sends several requests for each one the
 * fleet admits. So it uses Apache HttpClient's blocking client, which does an attempt's I/O on the
 * attempt's own thread, instead of the JDK's {@code HttpClient} (a selector thread and completion
 * stages per exchange): at four times the knee, the sender's share of the machine fell from 22–23 %
 * to 12.5–16 % (docs/benchmarks.md, "Fleet"). The client's own retries, redirects and cookies are
 * off: the sender's rules are the only ones. Every thread of the sender is a platform thread of its
 * own named {@code fleet-*}, so that {@link MachineCpu} can tell the sender's CPU time from the
 * rest (virtual threads would share their carriers with anything else in the JVM).
 */
public final class ApiDestinationSender implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TimeUnit NANOS = TimeUnit.NANOSECONDS;

  /**
   * The sender's retry rules.
   *
   * @param attemptTimeout time for one attempt's answer
   * @param maxAttempts attempts per event, the first included
   * @param maxEventAge no attempt starts later than this after the event's due time
   * @param initialBackoff the wait after the first failure without Retry-After; doubled per attempt
   * @param maxBackoff the longest wait of the sender's own backoff; a Retry-After is honoured as
   *     given
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
  private final CloseableHttpClient http;
  // At most maxInFlight attempts under way, one thread each, queued beyond that: under load the
  // pool keeps all of its threads, an idle one ends after a minute.
  private final ThreadPoolExecutor attempts;
  // Retries and each attempt's deadline; a deadline met in time is removed at once.
  private final ScheduledThreadPoolExecutor retries;
  private final AtomicLong sequence = new AtomicLong();

  /**
   * @param path the webhook's path on every replica, e.g. {@code /inbound/orders}
   */
  public ApiDestinationSender(Balancer balancer, String path, RetryRules rules) {
    this.balancer = balancer;
    this.path = path;
    this.rules = rules;
    this.attempts =
        new ThreadPoolExecutor(
            rules.maxInFlight(),
            rules.maxInFlight(),
            1,
            TimeUnit.MINUTES,
            new LinkedBlockingQueue<>(),
            threads("fleet-attempt-"));
    attempts.allowCoreThreadTimeOut(true);
    this.retries = new ScheduledThreadPoolExecutor(1, threads("fleet-retry-timer-"));
    retries.setRemoveOnCancelPolicy(true);
    this.http =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(rules.maxInFlight())
                    .setMaxConnPerRoute(rules.maxInFlight())
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.ofSeconds(2))
                            // A kept-alive connection the replica closed meanwhile would fail
                            // the attempt: check one that has been idle before reusing it.
                            .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                            .build())
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(rules.attemptTimeout()))
                    .build())
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableContentCompression()
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
                var senders =
                    Executors.newFixedThreadPool(
                        concurrency, threads("fleet-closed-loop-" + name + "-sender-"));
                try {
                  var running = new CompletableFuture<?>[concurrency];
                  for (int i = 0; i < concurrency; i++) {
                    running[i] =
                        CompletableFuture.runAsync(
                            () -> {
                              for (long now = System.nanoTime();
                                  now < end && !phase.stopped();
                                  now = System.nanoTime()) {
                                var event = newEvent(name, now);
                                phase.add(event);
                                attempt(event);
                                event.done().join();
                              }
                            },
                            senders);
                  }
                  CompletableFuture.allOf(running).join();
                  // While the senders' threads are alive: the CPU split counts only live threads.
                  phase.sendingEnded(end);
                } finally {
                  senders.shutdownNow();
                }
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
    try {
      attempts.execute(new QueuedAttempt(event));
    } catch (RejectedExecutionException closed) {
      event.finish(SentEvent.Result.EXPIRED);
    }
  }

  /** An attempt waiting for a thread: {@link #close()} gives up the events of those not started. */
  private final class QueuedAttempt implements Runnable {

    private final SentEvent event;

    private QueuedAttempt(SentEvent event) {
      this.event = event;
    }

    @Override
    public void run() {
      send(event);
    }
  }

  private void send(SentEvent event) {
    Balancer.Target target;
    try {
      target = balancer.pick();
    } catch (IllegalStateException e) {
      finish(event, new Attempt(event.attemptCount() + 1, "-", now(), now(), -1, "REFUSED", -1));
      return;
    }
    var post = new HttpPost(target.baseUrl().resolve(path));
    post.setEntity(new StringEntity(event.body(), ContentType.APPLICATION_JSON));
    long sent = System.nanoTime();
    int status = Attempt.NO_ANSWER;
    String outcome;
    long retryAfter = -1;
    ScheduledFuture<?> deadline;
    try {
      // The attempt's whole time, connecting included, as EventBridge counts it; the response
      // timeout alone would start only once the request is written.
      deadline = retries.schedule(post::cancel, rules.attemptTimeout().toNanos(), NANOS);
    } catch (RejectedExecutionException closed) {
      event.finish(SentEvent.Result.EXPIRED);
      return;
    }
    try {
      var answer = http.execute(post, ApiDestinationSender::answerOf);
      status = answer.status();
      outcome = answer.outcome();
      retryAfter = answer.retryAfterMillis();
    } catch (ConnectTimeoutException e) {
      outcome = post.isCancelled() ? "TIMEOUT" : "CONNECT_TIMEOUT";
    } catch (ConnectException e) {
      outcome = "REFUSED";
    } catch (SocketTimeoutException e) {
      outcome = "TIMEOUT";
    } catch (IOException e) {
      // Cancelled at the deadline, or the connection broke after the request went out (a replica
      // killed or stopping).
      outcome = post.isCancelled() ? "TIMEOUT" : "IO_ERROR";
    } catch (RuntimeException e) {
      // The client closed under an attempt (the sender closing), or a fault of the client's: the
      // attempt may have reached the replica, so it is retried as one without an answer.
      outcome = "CLIENT_FAILURE";
    } finally {
      deadline.cancel(false);
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
    retries.schedule(() -> attempt(event), delay, NANOS);
  }

  private long delayNanos(int attempt, long retryAfterMillis) {
    var random = ThreadLocalRandom.current();
    if (retryAfterMillis >= 0) {
      // A wait past the event's age expires it (finish); no longer, so that the sum stays a long.
      long base =
          Math.min(
              TimeUnit.MILLISECONDS.toNanos(retryAfterMillis), rules.maxEventAge().toNanos() + 1);
      return base + (long) (base * 0.2 * random.nextDouble());
    }
    long cap = rules.maxBackoff().toNanos();
    long backoff = rules.initialBackoff().toNanos() << Math.min(attempt - 1, 20);
    long capped = Math.min(Math.max(backoff, 0), cap);
    // "Equal jitter": half fixed, half random.
    return capped / 2 + (long) (capped / 2.0 * random.nextDouble());
  }

  /** What the sender keeps of an answer, read while its connection is leased. */
  private record Answer(int status, String outcome, long retryAfterMillis) {}

  private static Answer answerOf(ClassicHttpResponse response) throws IOException {
    int status = response.getCode();
    byte[] body =
        response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
    var retryAfter = response.getFirstHeader("Retry-After");
    return new Answer(
        status,
        outcomeOf(status, body),
        retryAfter == null ? -1 : retryAfterMillis(retryAfter.getValue()));
  }

  private static String outcomeOf(int status, byte[] body) {
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

  /** The sender's threads: daemons named {@code prefix + n}. */
  private static ThreadFactory threads(String prefix) {
    return Thread.ofPlatform().daemon().name(prefix, 0).factory();
  }

  private static long now() {
    return System.nanoTime();
  }

  @Override
  public void close() {
    retries.shutdownNow();
    for (Runnable queued : attempts.shutdownNow()) {
      if (queued instanceof QueuedAttempt attempt) {
        attempt.event.finish(SentEvent.Result.EXPIRED);
      }
    }
    http.close(CloseMode.IMMEDIATE);
  }
}
