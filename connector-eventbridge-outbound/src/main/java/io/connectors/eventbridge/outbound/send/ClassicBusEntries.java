package io.connectors.eventbridge.outbound.send;

import io.connectors.eventbridge.outbound.model.EventEntry;
import io.connectors.eventbridge.outbound.model.EventInput;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses what only a Custom Event Bus has. Before that bus existed, an event's {@code
 * eventGroupId} or {@code deduplicationId} was an unknown field and failed the task; a classic bus
 * would now drop it without a word, and a user who expects ordering or deduplication from it would
 * not learn that the task addresses the wrong kind of bus.
 */
final class ClassicBusEntries {

  private static final String CUSTOM_BUS_ONLY =
      ": applies to a Custom Event Bus only; a classic bus has no event groups and does not"
          + " deduplicate (choose the Custom Event Bus as bus kind, or remove the field)";

  private ClassicBusEntries() {}

  /**
   * @throws InvalidEventsException naming every such field of every event
   */
  static void refuseCustomBusFields(EventInput input) {
    List<String> violations = new ArrayList<>();
    for (EventInput.PathedEntry pathed : input.entries()) {
      EventEntry event = pathed.entry();
      if (event.eventGroupId() != null) {
        violations.add(pathed.path() + ".eventGroupId" + CUSTOM_BUS_ONLY);
      }
      if (event.deduplicationId() != null) {
        violations.add(pathed.path() + ".deduplicationId" + CUSTOM_BUS_ONLY);
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidEventsException(violations);
    }
  }
}
