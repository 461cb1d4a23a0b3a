package io.connectors.eventbridge.outbound.custombus;

/** The request-level choice of the model's {@code DeduplicationConfiguration}. */
public enum RequestDeduplication {
  /**
   * No {@code DeduplicationConfiguration}: an entry is a repeat when it carries the {@code
   * DeduplicationId} of one put within the window; an entry without one is never a repeat.
   */
  BY_ENTRY_ID,
  /** {@code DeduplicationType: CONTENT_BASED}: the bus hashes each entry's content. */
  CONTENT_BASED
}
