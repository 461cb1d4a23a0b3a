package io.connectors.eventbridge.runtime.local.bus.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.connectors.eventbridge.runtime.local.bus.rules.RuleTarget;
import io.connectors.eventbridge.runtime.local.bus.rules.Subscriber;
import io.connectors.eventbridge.runtime.local.bus.rules.TargetAuth;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A subscriber's retry policy and FIFO ordering on the classic targets' dispatcher, against a real
 * HTTP server that answers by the event's body: {@code reject} 400, {@code down} 503, {@code
 * busy-N} 429 with {@code Retry-After: N}, else 200.
 */
class SubscriberDeliveryTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private HttpServer server;
  private ExecutorService serverThreads;
  private final List<String> received = new ArrayList<>(); // guarded by itself
  private final List<Long> receivedAtNanos = new ArrayList<>(); // guarded by received
  private final DeadLetterLog deadLetters = new DeadLetterLog(50);
  private ApiDestinationDispatcher dispatcher;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    serverThreads = Executors.newFixedThreadPool(2);
    server.setExecutor(serverThreads);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          synchronized (received) {
            received.add(body);
            receivedAtNanos.add(System.nanoTime());
          }
          if (body.startsWith("busy-")) {
            exchange.getResponseHeaders().add("Retry-After", body.substring("busy-".length()));
            exchange.sendResponseHeaders(429, -1);
            exchange.close();
            return;
          }
          int status = body.contains("reject") ? 400 : body.contains("down") ? 503 : 200;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    if (dispatcher != null) {
      dispatcher.close();
    }
    server.stop(0);
    serverThreads.shutdownNow();
  }

  @Test
  void everyFailureIsRetriedUpToTheSubscribersAttemptsWhileItsGroupWaits() {
    var delivery = delivery(Duration.ofMillis(20));
    Subscriber subscriber = subscriber(2, Subscriber.Ordering.FIFO);
    Instant now = Instant.now();

    delivery.deliver(subscriber, "e1", "g", now, bytes("reject-1"), null);
    delivery.deliver(subscriber, "e2", "g", now, bytes("ok-2"), null);
    delivery.deliver(subscriber, "e3", "other", now, bytes("ok-3"), null);

    List<String> all = awaitReceived(5);
    // A 400 is retried too (RetryStrategy ALL): 1 attempt and 2 retries, and only then the
    // group's next event; the other group did not wait.
    assertThat(all.stream().filter(b -> !b.equals("ok-3")).toList())
        .containsExactly("reject-1", "reject-1", "reject-1", "ok-2");
    assertThat(all).contains("ok-3");
    DeadLetter letter = awaitDeadLetter("e1");
    assertThat(letter.attempts()).isEqualTo(3);
    assertThat(letter.reason()).contains("HTTP 400").contains("retries exhausted");
    assertThat(letter.rule()).isEqualTo("subscriber s");
  }

  @Test
  void retriesStopAtTheMaximumEventAge() {
    // The first retry would wait 5 s, past the age limit 2 s away: the event is given up.
    var delivery = delivery(Duration.ofSeconds(5));
    Subscriber subscriber = subscriber(185, Subscriber.Ordering.FIFO);
    Instant ingested = Instant.now().minus(Duration.ofSeconds(58));

    delivery.deliver(subscriber, "old", "g", ingested, bytes("down"), null);
    delivery.deliver(subscriber, "next", "g", ingested.plusSeconds(58), bytes("ok"), null);

    DeadLetter letter = awaitDeadLetter("old");
    assertThat(letter.reason()).contains("maximum event age");
    assertThat(letter.attempts()).isLessThanOrEqualTo(1);
    // The group moves on once the event is given up.
    assertThat(awaitReceived(letter.attempts() + 1)).last().isEqualTo("ok");
  }

  @Test
  void aRuleTargetsRetryAfterIsHonouredBeyondTheBusBackoffCap() {
    // The bus's own backoff is capped at 20 ms; the target asks for 2 s, and gets them, as
    // EventBridge gives them to an API destination: an earlier retry would only be shed again.
    delivery(Duration.ofMillis(20));

    dispatcher.dispatch("r", target(), "e", bytes("busy-2"), null);

    awaitReceived(2);
    synchronized (received) {
      assertThat(Duration.ofNanos(receivedAtNanos.get(1) - receivedAtNanos.get(0)))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }
  }

  @Test
  void aRetryAfterPastARuleTargetsMaximumEventAgeGivesTheEventUpAtOnce() {
    delivery(Duration.ofMillis(20));

    // EventBridge's default maximum age of a rule's target, 24 h, is 86,400 s.
    dispatcher.dispatch("r", target(), "day", bytes("busy-86401"), null);
    // Past a long's range: compared with the time left, never added to an instant.
    dispatcher.dispatch("r", target(), "huge", bytes("busy-123456789012345678901234567890"), null);

    for (String eventId : List.of("day", "huge")) {
      DeadLetter letter = awaitDeadLetter(eventId);
      assertThat(letter.attempts()).isOne();
      assertThat(letter.reason()).isEqualTo("HTTP 429; maximum event age reached");
    }
  }

  @Test
  void aSubscriberRetriesWithTheBusBackoffWhateverRetryAfterSays() {
    // Its documentation does not say a subscriber reads Retry-After; 61 s would be past this
    // subscriber's maximum age (60 s), and the event is retried after 20 ms instead.
    var delivery = delivery(Duration.ofMillis(20));

    delivery.deliver(
        subscriber(1, Subscriber.Ordering.UNORDERED),
        "e",
        null,
        Instant.now(),
        bytes("busy-61"),
        null);

    DeadLetter letter = awaitDeadLetter("e");
    assertThat(letter.attempts()).isEqualTo(2);
    assertThat(letter.reason()).isEqualTo("HTTP 429; retries exhausted");
  }

  @Test
  void anEventBeyondTheWaitingBoundIsDeadLetteredAtOnce() {
    // One event may wait behind its group's: the third of a group whose first is being retried
    // (the retry waits 5 s) cannot.
    var delivery = delivery(Duration.ofSeconds(5));
    Subscriber subscriber = subscriber(185, Subscriber.Ordering.FIFO);
    Instant now = Instant.now();

    delivery.deliver(subscriber, "first", "g", now, bytes("down"), null);
    delivery.deliver(subscriber, "second", "g", now, bytes("ok"), null);
    delivery.deliver(subscriber, "third", "g", now, bytes("ok"), null);

    DeadLetter letter = awaitDeadLetter("third");
    assertThat(letter.attempts()).isZero();
    assertThat(letter.reason()).contains("queue full");
    assertThat(deadLetters.recent()).extracting(DeadLetter::eventId).containsExactly("third");
  }

  private SubscriberDelivery delivery(Duration backoff) {
    var policy = new DeliveryRetryPolicy(6, backoff, backoff);
    dispatcher =
        new ApiDestinationDispatcher(
            policy,
            Duration.ofSeconds(5),
            100,
            deadLetters,
            new DeliveryMetrics(new SimpleMeterRegistry()));
    return new SubscriberDelivery(dispatcher, policy, 1);
  }

  private Subscriber subscriber(int maxRetryAttempts, Subscriber.Ordering ordering) {
    return new Subscriber(
        "s",
        "orders",
        List.of(),
        target(),
        Duration.ofSeconds(5),
        Subscriber.Transformer.WITH_METADATA,
        new Subscriber.RetryPolicy(maxRetryAttempts, Duration.ofSeconds(60)),
        ordering);
  }

  private RuleTarget target() {
    return new RuleTarget(
        URI.create("http://localhost:" + server.getAddress().getPort() + "/hook"),
        new TargetAuth.None());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private List<String> awaitReceived(int count) {
    return LocalRuntime.await(
        count + " request(s)",
        TIMEOUT,
        () -> {
          synchronized (received) {
            return received.size() >= count ? Optional.of(List.copyOf(received)) : Optional.empty();
          }
        });
  }

  private DeadLetter awaitDeadLetter(String eventId) {
    return LocalRuntime.await(
        "a dead letter for " + eventId,
        TIMEOUT,
        () -> deadLetters.recent().stream().filter(d -> d.eventId().equals(eventId)).findFirst());
  }
}
