package io.connectors.eventbridge.outbound.send;

import java.time.Duration;

/** Why a job attempt stopped sending. */
sealed interface Stop {

  /** Every entry was sent; each has an event ID or AWS's error. */
  record Finished() implements Stop {}

  /** A whole PutEvents call failed after the SDK's retries; later entries were not sent. */
  record RequestFailed(RuntimeException cause) implements Stop {}

  /** The time budget ran out; later entries were not sent. */
  record OutOfTime(Duration budget) implements Stop {}
}
