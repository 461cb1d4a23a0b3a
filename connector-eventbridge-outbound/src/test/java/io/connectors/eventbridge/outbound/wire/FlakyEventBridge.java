package io.connectors.eventbridge.outbound.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * A PutEvents endpoint with a memory: it throttles each event (told apart by {@code detail.n}) for
 * its first few sends, can fail whole calls, and records every event it accepted, so a test can
 * check that each event arrived exactly once however often the job was retried.
 */
final class FlakyEventBridge implements ResponseDefinitionTransformerV2 {

  static final String NAME = "flaky-eventbridge";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<Integer, AtomicInteger> sends = new ConcurrentHashMap<>();
  private final Map<Integer, List<String>> accepted = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile BiPredicate<Integer, Integer> throttled = (n, send) -> false;
  private volatile IntPredicate failsWholeCall = call -> false;

  /** Event {@code n} is throttled on its first {@code throttledSends.applyAsInt(n)} sends. */
  void throttle(IntUnaryOperator throttledSends) {
    this.throttled = (n, send) -> send <= throttledSends.applyAsInt(n);
  }

  /** Send number {@code send} (from 1) of event {@code n} is throttled when the predicate holds. */
  void throttleWhen(BiPredicate<Integer, Integer> throttled) {
    this.throttled = throttled;
  }

  /** Calls (counted from 1) for which the predicate holds fail with HTTP 500 InternalFailure. */
  void failWholeCalls(IntPredicate failsWholeCall) {
    this.failsWholeCall = failsWholeCall;
  }

  int calls() {
    return calls.get();
  }

  /** Event n → the event IDs it was accepted with, one per time it was accepted. */
  Map<Integer, List<String>> accepted() {
    return Map.copyOf(accepted);
  }

  void reset() {
    sends.clear();
    accepted.clear();
    calls.set(0);
    throttled = (n, send) -> false;
    failsWholeCall = call -> false;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    int call = calls.incrementAndGet();
    if (failsWholeCall.test(call)) {
      return new ResponseDefinitionBuilder()
          .withStatus(500)
          .withHeader("Content-Type", "application/x-amz-json-1.1")
          .withBody(
              "{\"__type\":\"InternalFailure\",\"message\":\"We encountered an internal error. Please try again.\"}")
          .build();
    }
    try {
      JsonNode request = JSON.readTree(serveEvent.getRequest().getBodyAsString());
      ObjectNode response = JSON.createObjectNode();
      ArrayNode entries = response.putArray("Entries");
      int failed = 0;
      for (JsonNode entry : request.get("Entries")) {
        int n = JSON.readTree(entry.get("Detail").asText()).get("n").asInt();
        int send = sends.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
        if (throttled.test(n, send)) {
          entries
              .addObject()
              .put("ErrorCode", "ThrottlingException")
              .put("ErrorMessage", "Rate exceeded");
          failed++;
        } else {
          String eventId = "ev-" + n + "-" + ids.incrementAndGet();
          accepted
              .computeIfAbsent(n, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
              .add(eventId);
          entries.addObject().put("EventId", eventId);
        }
      }
      response.put("FailedEntryCount", failed);
      return new ResponseDefinitionBuilder()
          .withStatus(200)
          .withHeader("Content-Type", "application/x-amz-json-1.1")
          .withHeader("x-amzn-RequestId", "req-" + call)
          .withBody(JSON.writeValueAsString(response))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
