package io.connectors.eventbridge.outbound.custombus;

/** The bus's answer for one entry (shape {@code PutEventsResultEntry}). */
public sealed interface CustomBusEntryResult {

  /** {@code SuccessCode: PUBLISHED}: the event is on the bus now. */
  record Published(String eventId, String sequenceNumber) implements CustomBusEntryResult {}

  /**
   * {@code SuccessCode: DEDUPLICATED}: an equal entry was put within the deduplication window, so
   * the bus kept that one; a success all the same.
   */
  record Deduplicated(String eventId, String sequenceNumber) implements CustomBusEntryResult {}

  /** The entry carried an {@code ErrorCode}: it is not on the bus. */
  record Failed(String errorCode, String errorMessage) implements CustomBusEntryResult {}
}
