package io.connectors.eventbridge.outbound.custombus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
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

  private final List<Duration> pauses = new CopyOnWriteArrayList<>();
  private StubBus bus;

  @BeforeEach
  void start() throws IOException {
    bus = new StubBus();
  }

  @AfterEach
  void stop() {
    bus.close();
  }

  private CustomBusPutEvents client(URI endpoint) {
    return bus.client(
        endpoint, Region.US_EAST_1, "AKID", AwsRetryStrategy.standardRetryStrategy(), pauses::add);
  }

  @Test
  void throttlingIsRetriedAfterABackoff() throws IOException {
    bus.answer(429, CBOR, map("__type", "ThrottlingException", "message", "Rate exceeded"));
    bus.answer(200, CBOR, published());

    CustomBusResult result = client(bus.endpoint()).putEvents(REQUEST);

    assertThat(result.entries()).containsExactly(new CustomBusEntryResult.Published("e-1", "1"));
    assertThat(bus.received()).hasSize(2);
    assertThat(pauses).hasSize(1).allMatch(pause -> !pause.isNegative() && !pause.isZero());
  }

  @Test
  void a429WithoutAnErrorTypeIsRetriedAsThrottling() throws IOException {
    bus.answer(429, Map.of(), new byte[0]);
    bus.answer(200, CBOR, published());

    CustomBusResult result = client(bus.endpoint()).putEvents(REQUEST);

    assertThat(result.entries()).containsExactly(new CustomBusEntryResult.Published("e-1", "1"));
    assertThat(bus.received()).hasSize(2);
    assertThat(pauses).hasSize(1);
  }

  @Test
  void anInternalErrorIsRetriedUpToTheStandardThreeAttempts() throws IOException {
    bus.answer(500, CBOR, map("__type", "InternalException", "message", "oops"));

    CustomBusServiceException failure =
        catchThrowableOfType(
            CustomBusServiceException.class, () -> client(bus.endpoint()).putEvents(REQUEST));

    assertThat(failure.modeledError()).contains(ModeledError.INTERNAL);
    assertThat(bus.received()).hasSize(3);
    assertThat(pauses).hasSize(2);
  }

  @Test
  void invalidInputAndInvalidStateAreNotRetried() throws IOException {
    bus.answer(400, CBOR, map("__type", "InvalidInputException", "message", "no"));
    bus.answer(409, CBOR, map("__type", "InvalidStateException", "message", "creating"));
    CustomBusPutEvents client = client(bus.endpoint());

    assertThat(
            catchThrowableOfType(CustomBusServiceException.class, () -> client.putEvents(REQUEST))
                .modeledError())
        .contains(ModeledError.INVALID_INPUT);
    assertThat(
            catchThrowableOfType(CustomBusServiceException.class, () -> client.putEvents(REQUEST))
                .modeledError())
        .contains(ModeledError.INVALID_STATE);
    assertThat(bus.received()).hasSize(2);
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
      assertThat(pauses).hasSize(2);
      dropping.close();
      acceptor.join();
    }
  }

  @Test
  void aMalformedSuccessIsNotRetried() throws IOException {
    bus.answer(200, CBOR, map("Entries", "not a list"));

    assertThat(
            catchThrowableOfType(
                CustomBusMalformedAnswerException.class,
                () -> client(bus.endpoint()).putEvents(REQUEST)))
        .hasMessageContaining("Entries is not a list");
    assertThat(bus.received()).hasSize(1);
  }

  @Test
  void aSuccessCodeOutsideTheModelIsMalformed() throws IOException {
    bus.answer(200, CBOR, entries("EventId", "e-1", "SuccessCode", "QUEUED"));

    assertThat(
            catchThrowableOfType(
                CustomBusMalformedAnswerException.class,
                () -> client(bus.endpoint()).putEvents(REQUEST)))
        .hasMessageContaining("SuccessCode");
  }

  private static byte[] published() throws IOException {
    return entries("EventId", "e-1", "SequenceNumber", "1", "SuccessCode", "PUBLISHED");
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
