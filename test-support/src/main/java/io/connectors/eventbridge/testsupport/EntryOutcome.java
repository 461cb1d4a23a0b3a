package io.connectors.eventbridge.testsupport;

/** What the fake made of one entry; a protocol writes it into its own answer format. */
sealed interface EntryOutcome {

  /**
   * Put on the bus, now or (when {@code deduplicated}) by an earlier entry with the same
   * deduplication key, whose event ID and sequence number the answer repeats.
   */
  record Accepted(String eventId, String sequenceNumber, boolean deduplicated)
      implements EntryOutcome {}

  record Rejected(EntryError error) implements EntryOutcome {}
}
