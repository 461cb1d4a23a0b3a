package io.connectors.eventbridge.testsupport;

/**
 * One PutEvents entry as the fake decoded it, whatever protocol carried it.
 *
 * @param n the entry's {@code detail.n}, by which the tests tell events apart, or {@link #NO_N}
 */
public record SentEntry(
    String eventBusName, String source, String detailType, String detail, int n) {

  /** The key of every event whose detail has no integer {@code n}. */
  public static final int NO_N = -1;
}
