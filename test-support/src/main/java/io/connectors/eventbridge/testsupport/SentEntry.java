package io.connectors.eventbridge.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One PutEvents entry as the fake decoded it, whatever protocol carried it.
 *
 * @param eventBusName the entry's bus name, or the request's bus ARN where the protocol names the
 *     bus once per request
 * @param n the entry's {@code detail.n}, by which the tests tell events apart, or {@link #NO_N}
 * @param deduplicationKey what the bus deduplicates the entry by (its {@code DeduplicationId}, or
 *     its content when the request asks for content-based deduplication), or null when it is never
 *     a repeat
 */
public record SentEntry(
    String eventBusName,
    String source,
    String detailType,
    String detail,
    int n,
    String deduplicationKey) {

  /** The key of every event whose detail has no integer {@code n}. */
  public static final int NO_N = -1;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An entry with its {@code n} read from its detail. */
  static SentEntry of(
      String eventBusName,
      String source,
      String detailType,
      String detail,
      String deduplicationKey) {
    return new SentEntry(eventBusName, source, detailType, detail, n(detail), deduplicationKey);
  }

  private static int n(String detail) {
    if (detail == null) {
      return NO_N;
    }
    try {
      JsonNode n = JSON.readTree(detail).path("n");
      return n.isInt() ? n.intValue() : NO_N;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
