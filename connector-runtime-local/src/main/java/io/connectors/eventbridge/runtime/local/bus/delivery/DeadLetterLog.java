package io.connectors.eventbridge.runtime.local.bus.delivery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The local bus's dead-letter queue: one log line per event, and the latest ones in memory. */
public final class DeadLetterLog {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterLog.class);

  private final int capacity;
  private final Deque<DeadLetter> recent = new ArrayDeque<>();

  public DeadLetterLog(int capacity) {
    this.capacity = Math.max(1, capacity);
  }

  public void add(DeadLetter letter) {
    LOG.warn(
        "Local event bus dead letter: event {} (rule '{}') to {} given up after {} attempt(s): {}",
        letter.eventId(),
        letter.rule(),
        letter.target(),
        letter.attempts(),
        letter.reason());
    synchronized (recent) {
      if (recent.size() == capacity) {
        recent.removeFirst();
      }
      recent.addLast(letter);
    }
  }

  /** The latest dead letters, oldest first. */
  public List<DeadLetter> recent() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }
}
