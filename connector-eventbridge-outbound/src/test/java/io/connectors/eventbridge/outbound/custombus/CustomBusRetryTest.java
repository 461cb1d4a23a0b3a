package io.connectors.eventbridge.outbound.custombus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectors.eventbridge.testsupport.Answer;
import io.connectors.eventbridge.testsupport.CallError;
import io.connectors.eventbridge.testsupport.CallFaults;
import io.connectors.eventbridge.testsupport.FakeEventBridge;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORGenerator;

/** The SDK's standard retry strategy decides, on our errors, as it does for its own clients. */
class CustomBusRetryTest {

  private static final Map<String, String> CBOR = Map.of("Content-Type", "application/cbor");
  private static final CustomBusRequest REQUEST =
      new CustomBusRequest(
          "arn:aws:events:us-east-1:123456789012:event-busv2/orders/abcdefghijklmnopqrstuvwxy",
          List.of(new CustomBusEntry("com.example", "Ping", "{}", null, null, null, "d-1")),
          RequestDeduplication.BY_ENTRY_ID);

  /**
   * The standard strategy's own backoffs jitter down to zero, and a zero pause is not taken, so the
   * test gives the strategy fixed ones, different for throttling: the pauses then show both how
   * often and as what the strategy retried. Which failures it retries, and how often, stay its own.
   */
  private static final Duration BACKOFF = Duration.ofMillis(7);

  private static final Duration THROTTLING_BACKOFF = Duration.ofMillis(11);

  private final List<Duration> pauses = new CopyOnWriteArrayList<>();
  private final TestClients clients = new TestClients();
  private final FakeEventBridge bus = FakeEventBridge.start();

  @AfterEach
  void stop() {
    clients.close();
    bus.close();
  }

  private CustomBusPutEvents client(URI endpoint) {
    return clients.client(
        endpoint,
        Region.US_EAST_1,
        "AKID",
        AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .backoffStrategy(BackoffStrategy.fixedDelayWithoutJitter(BACKOFF))
            .throttlingBackoffStrategy(BackoffStrategy.fixedDelayWithoutJitter(THROTTLING_BACKOFF))
            .build(),
        pauses::add);
  }

  private CustomBusPutEvents client() {
    return client(TestClients.endpointOf(bus));
  }

  @Test
  void throttlingIsRetriedAfterABackoff() {
    bus.failCalls(
        CallFaults.when(
            call -> call == 1, new CallError(429, "ThrottlingException", "Rate exceeded")));

    putsOnTheSecondCallAfterOneThrottlingPause();
  }

  @Test
  void a429WithoutAnErrorTypeIsRetriedAsThrottling() {
    bus.answerCallsWith(call -> call == 1, new Answer(429, Map.of(), new byte[0]));

    putsOnTheSecondCallAfterOneThrottlingPause();
  }

  /** The first call was refused; the strategy paused as for throttling and the second put it. */
  private void putsOnTheSecondCallAfterOneThrottlingPause() {
    CustomBusResult result = client().putEvents(REQUEST);

    assertThat(result.entries())
        .containsExactly(
            new CustomBusEntryResult.Published(bus.acceptedEventIds().getFirst(), "1"));
    assertThat(bus.calls()).isEqualTo(2);
    assertThat(pauses).containsExactly(THROTTLING_BACKOFF);
  }

  @Test
  void anInternalErrorIsRetriedUpToTheStandardThreeAttempts() {
    bus.failCalls(CallFaults.always(new CallError(500, "InternalException", "oops")));

    CustomBusServiceException failure =
        catchThrowableOfType(CustomBusServiceException.class, () -> client().putEvents(REQUEST));

    assertThat(failure.modeledError()).contains(ModeledError.INTERNAL);
    assertThat(bus.calls()).isEqualTo(3);
    assertThat(pauses).containsExactly(BACKOFF, BACKOFF);
  }

  @Test
  void invalidInputAndInvalidStateAreNotRetried() {
    bus.failCalls(
        call ->
            Optional.of(
                call == 1
                    ? new CallError(400, "InvalidInputException", "no")
                    : new CallError(409, "InvalidStateException", "creating")));
    CustomBusPutEvents client = client();

    assertThat(
            catchThrowableOfType(CustomBusServiceException.class, () -> client.putEvents(REQUEST))
                .modeledError())
        .contains(ModeledError.INVALID_INPUT);
    assertThat(
            catchThrowableOfType(CustomBusServiceException.class, () -> client.putEvents(REQUEST))
                .modeledError())
        .contains(ModeledError.INVALID_STATE);
    assertThat(bus.calls()).isEqualTo(2);
    assertThat(pauses).isEmpty();
  }

  @Test
  void aConnectionThatBreaksIsRetriedThenReportedInOurWords() throws Exception {
    // A socket of the test's own that drops every connection unanswered: a refused port could be
    // taken by another process on a shared machine between two attempts.
    try (ServerSocket dropping = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AtomicInteger connections = new AtomicInteger();
      Thread acceptor =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (!dropping.isClosed()) {
                      try (Socket connection = dropping.accept()) {
                        connections.incrementAndGet();
                      } catch (IOException closed) {
                        return;
                      }
                    }
                  });
      URI endpoint = URI.create("http://127.0.0.1:" + dropping.getLocalPort());

      CustomBusUnreachableException failure =
          catchThrowableOfType(
              CustomBusUnreachableException.class, () -> client(endpoint).putEvents(REQUEST));

      assertThat(failure)
          .hasMessage("The Custom Event Bus endpoint 127.0.0.1 could not be reached");
      assertThat(failure.getCause()).isInstanceOf(IOException.class);
      assertThat(connections).hasValue(3);
      assertThat(pauses).containsExactly(BACKOFF, BACKOFF);
      dropping.close();
      acceptor.join();
    }
  }

  // Answers no bus gives, written by the test.

  @Test
  void aMalformedSuccessIsNotRetried() throws IOException {
    bus.answerCallsWith(new Answer(200, CBOR, map("Entries", "not a list")));

    assertThat(
            catchThrowableOfType(
                CustomBusMalformedAnswerException.class, () -> client().putEvents(REQUEST)))
        .hasMessageContaining("Entries is not a list");
    assertThat(bus.calls()).isEqualTo(1);
  }

  @Test
  void aSuccessCodeOutsideTheModelIsMalformed() throws IOException {
    bus.answerCallsWith(new Answer(200, CBOR, entries("EventId", "e-1", "SuccessCode", "QUEUED")));

    assertThat(
            catchThrowableOfType(
                CustomBusMalformedAnswerException.class, () -> client().putEvents(REQUEST)))
        .hasMessageContaining("SuccessCode");
  }

  /** {@code {"Entries": [{...pairs}]}}, written with the SDK's Jackson CBOR, not our encoder. */
  private static byte[] entries(String... pairs) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CBORGenerator cbor = new CBORFactory().createGenerator(out)) {
      cbor.writeStartObject();
      cbor.writeFieldName("Entries");
      cbor.writeStartArray();
      writePairs(cbor, pairs);
      cbor.writeEndArray();
      cbor.writeEndObject();
    }
    return out.toByteArray();
  }

  private static byte[] map(String... pairs) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CBORGenerator cbor = new CBORFactory().createGenerator(out)) {
      writePairs(cbor, pairs);
    }
    return out.toByteArray();
  }

  private static void writePairs(CBORGenerator cbor, String... pairs) throws IOException {
    cbor.writeStartObject();
    for (int i = 0; i < pairs.length; i += 2) {
      cbor.writeFieldName(pairs[i]);
      cbor.writeString(pairs[i + 1]);
    }
    cbor.writeEndObject();
  }
}
