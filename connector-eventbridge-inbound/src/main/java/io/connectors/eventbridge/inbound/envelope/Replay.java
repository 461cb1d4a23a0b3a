package io.connectors.eventbridge.inbound.envelope;

/** Whether an event is delivered for the first time or again, and who says it is a replay. */
public sealed interface Replay {

  /** Not marked as a replay (a {@code RAW} delivery of a Custom Event Bus carries no mark). */
  record Live() implements Replay {}

  /**
   * A Custom Event Bus subscriber reading retained events from a point in time: {@code
   * SystemMetadata."aws:DeliveryType"} is {@code REPLAY}
   * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-replay.html).
   */
  record SubscriberReplay() implements Replay {}

  /**
   * A classic bus's archive replay: the event carries the replay's name in {@code replay-name}
   * (https://docs.aws.amazon.com/eventbridge/latest/ref/events-structure.html).
   */
  record ArchiveReplay(String replayName) implements Replay {}

  static Replay live() {
    return new Live();
  }
}
