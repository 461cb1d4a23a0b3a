package io.connectors.eventbridge.inbound.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a replayed event does: the same as a live one, or nothing but a 2xx answer. */
public enum ReplayHandling {
  /** Correlated like a live event; a message event's message ID still absorbs a repeat. */
  CORRELATE(Defaults.REPLAY_HANDLING),
  /** Answered 202 and never handed to the engine, so a replay cannot start anything again. */
  ACKNOWLEDGE("acknowledge");

  private final String value;

  ReplayHandling(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  @JsonCreator
  public static ReplayHandling of(String value) {
    for (var handling : values()) {
      if (handling.value.equalsIgnoreCase(value) || handling.name().equalsIgnoreCase(value)) {
        return handling;
      }
    }
    throw new IllegalArgumentException("unsupported replay handling '" + value + "'");
  }
}
