package io.connectors.eventbridge.testsupport;

/** What the fake made of one entry; a protocol writes it into its own answer format. */
sealed interface EntryOutcome {

  record Accepted(String eventId) implements EntryOutcome {}

  record Rejected(EntryError error) implements EntryOutcome {}
}
