package io.connectors.eventbridge.runtime.support.fleet;

import java.util.Set;

/**
 * One delivery attempt of one event: where it went, what came back and when.
 *
 * @param number 1 for the first attempt
 * @param replica the balancer target's name
 * @param sentNanos when the request was handed to the HTTP client ({@link System#nanoTime()})
 * @param answeredNanos when the answer (or the failure) came back
 * @param status the HTTP status, or {@link #NO_ANSWER}
 * @param outcome the answer's {@code outcome} word (e.g. {@code MESSAGE_PUBLISHED}), or a word of
 *     ours for answers without one ({@code LIMITED} for a 429 of the runtime's concurrency limit,
 *     {@code NOT_FOUND}, {@code HTTP_<status>}), or the failure ({@code REFUSED}, {@code
 *     CONNECT_TIMEOUT}, {@code TIMEOUT}, {@code IO_ERROR})
 * @param retryAfterMillis the answer's Retry-After, or -1
 */
public record Attempt(
    int number,
    String replica,
    long sentNanos,
    long answeredNanos,
    int status,
    String outcome,
    long retryAfterMillis) {

  public static final int NO_ANSWER = -1;

  /** The outcome words of a 2xx that mean the event is in the engine (now or before). */
  static final Set<String> APPLIED = Set.of("PROCESS_INSTANCE_CREATED", "MESSAGE_PUBLISHED");

  public static final String DUPLICATE = "DUPLICATE";
  public static final String NOT_ATTEMPTED = "NOT_ATTEMPTED";
  public static final String OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN";

  public double latencyMillis() {
    return (answeredNanos - sentNanos) / 1e6;
  }

  public boolean success() {
    return status >= 200 && status < 300;
  }

  /**
   * What an EventBridge API destination retries: 429, 5xx, a timeout and a connection failure. Any
   * other answer is final.
   */
  public boolean retryable() {
    return status == NO_ANSWER || status == 429 || status >= 500;
  }

  /**
   * The answer says the event had no effect: a 429 (the limiter's or the engine's back-pressure,
   * which rejects the command), a 503 {@code NOT_ATTEMPTED} ("never handed to the engine"), any
   * 4xx, or a connection that was never made. A later {@code DUPLICATE} with nothing but such
   * answers before it contradicts one of them.
   */
  public boolean claimsNoEffect() {
    if (status == NO_ANSWER) {
      return "REFUSED".equals(outcome) || "CONNECT_TIMEOUT".equals(outcome);
    }
    if (status == 503) {
      return NOT_ATTEMPTED.equals(outcome);
    }
    return status >= 400 && status < 500;
  }

  /**
   * Whether the answer came from the webhook's handler (its JSON {@code outcome}), the one place
   * that can have sent the event to the engine; a refused connection, the concurrency limiter's 429
   * or a 404 never reached it.
   */
  public boolean fromHandler() {
    return status != NO_ANSWER && !OUR_WORDS.contains(outcome) && !outcome.startsWith("HTTP_");
  }

  private static final Set<String> OUR_WORDS = Set.of("LIMITED", "NOT_FOUND");

  /** "status outcome", e.g. {@code 429 LIMITED}, {@code - TIMEOUT}. */
  public String answer() {
    return (status == NO_ANSWER ? "-" : String.valueOf(status)) + " " + outcome;
  }

  @Override
  public String toString() {
    return "#%d %s %s %.0f ms".formatted(number, replica, answer(), latencyMillis());
  }
}
