package io.connectors.eventbridge.outbound.custombus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectors.eventbridge.testsupport.FakeEventBridge;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

/** A Custom Event Bus call is bounded per attempt and as a whole, as the SDK bounds its own. */
class CallLimitsTest {

  private static final CustomBusRequest REQUEST =
      new CustomBusRequest(
          "arn:aws:events:us-east-1:123456789012:event-busv2/orders/abcdefghijklmnopqrstuvwxy",
          List.of(new CustomBusEntry("com.example", "Ping", "{}", null, null, null, "d-1")),
          RequestDeduplication.BY_ENTRY_ID);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final SdkHttpClient http = ApacheHttpClient.builder().build();

  @AfterEach
  void stop() {
    timer.shutdownNow();
    http.close();
  }

  /** Attempts bounded to 300 ms, the call to 2 s, by the test's timer. */
  private RpcV2CborPutEvents boundedClient(URI endpoint, RetryPause pause) {
    return new RpcV2CborPutEvents(
        http,
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKID", TestClients.SECRET_KEY)),
        Region.US_EAST_1,
        CustomBusEndpoints.overriddenBy(endpoint),
        AwsRetryStrategy.standardRetryStrategy(),
        pause,
        Optional.of(
            new CallLimits(
                Duration.ofMillis(300), Duration.ofSeconds(2), timer, System::nanoTime)));
  }

  @Test
  void noRetryStartsWhosePauseWouldEndAfterTheCallsBound() {
    AtomicLong nanos = new AtomicLong();
    var limits = new CallLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), timer, nanos::get);
    long start = limits.start();
    nanos.set(Duration.ofSeconds(29).toNanos());

    assertThat(limits.allowsRetryAfter(start, Duration.ofMillis(500))).isTrue();
    assertThat(limits.allowsRetryAfter(start, Duration.ofSeconds(1))).isFalse();
  }

  @Test
  void anAttemptWhoseTimerWasShutDownIsNotMadeAndFailsInOurWords() throws Exception {
    try (FakeEventBridge bus = FakeEventBridge.start()) {
      timer.shutdown();
      var client = boundedClient(TestClients.endpointOf(bus), pause -> {});

      CustomBusClosedException failure =
          catchThrowableOfType(CustomBusClosedException.class, () -> client.putEvents(REQUEST));

      assertThat(failure.getMessage())
          .isEqualTo(
              "The Custom Event Bus client is closed because the runtime is shutting down; the"
                  + " call's next attempt was not made");
      assertThat(failure.getCause()).isInstanceOf(RejectedExecutionException.class);
      assertThat(bus.requests()).isEmpty();
    }
  }

  @Test
  void anAttemptThatGetsNoAnswerIsAbortedAndTheCallEndsWithinItsBound() throws Exception {
    // A socket of the test's own that accepts connections and never answers.
    List<Socket> held = new CopyOnWriteArrayList<>();
    List<Duration> pauses = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (!silent.isClosed()) {
                      try {
                        held.add(silent.accept());
                      } catch (IOException closed) {
                        return;
                      }
                    }
                  });
      var client =
          boundedClient(URI.create("http://127.0.0.1:" + silent.getLocalPort()), pauses::add);

      long begun = System.nanoTime();
      CustomBusUnreachableException failure =
          catchThrowableOfType(
              CustomBusUnreachableException.class, () -> client.putEvents(REQUEST));
      Duration took = Duration.ofNanos(System.nanoTime() - begun);

      assertThat(failure.getCause()).isInstanceOf(IOException.class);
      // Each attempt ends at its 300 ms bound, not at the HTTP client's 30-second socket timeout;
      // the pauses are recorded, not slept, so the standard strategy's three attempts fit the
      // call's 2 s. A busy machine gets generous room below the 90 s an unbounded call would take.
      assertThat(held).hasSize(3);
      assertThat(took)
          .isGreaterThanOrEqualTo(Duration.ofMillis(900))
          .isLessThan(Duration.ofSeconds(10));
      silent.close();
      acceptor.join();
      for (Socket socket : held) {
        socket.close();
      }
    }
  }
}
