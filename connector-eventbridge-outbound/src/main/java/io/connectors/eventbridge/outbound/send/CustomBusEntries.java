package io.connectors.eventbridge.outbound.send;

import io.connectors.eventbridge.outbound.custombus.RequestDeduplication;
import io.connectors.eventbridge.outbound.model.AwsConfiguration;
import io.connectors.eventbridge.outbound.model.CustomEventBus;
import io.connectors.eventbridge.outbound.model.EventBatch;
import io.connectors.eventbridge.outbound.model.EventBus;
import io.connectors.eventbridge.outbound.model.EventEntry;
import io.connectors.eventbridge.outbound.model.EventInput;
import io.connectors.eventbridge.outbound.model.SingleEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives validated entries what a Custom Event Bus adds to them (event group and deduplication ID)
 * and refuses what it does not have (a bus name per event, a trace header, a global endpoint), all
 * before anything is sent.
 *
 * <p>The default deduplication ID is {@code {elementInstanceKey}-{index}-{digest}}: every attempt
 * of one job (same element instance) gives an unchanged entry the same ID, so the bus answers a
 * retry within its 5-minute window with {@code DEDUPLICATED} instead of putting the event again,
 * even when the attempt that put it crashed before it could report. The digest ({@link
 * PreparedEntry#hash()}) makes an entry whose content was changed between attempts a new event. A
 * later retry relies on the job's progress ({@code JobProgress}), which skips what was put.
 */
final class CustomBusEntries {

  /** The model's {@code EventGroupId} and {@code EventDeduplicationId}: 1 to 128 characters. */
  static final int MAX_ID_LENGTH = 128;

  /** A bus name left at the template's default is not a request for a classic bus. */
  private static final String TEMPLATE_DEFAULT_BUS_NAME = "default";

  private CustomBusEntries() {}

  static RequestDeduplication requestDeduplication(CustomEventBus bus) {
    return EventBus.DEDUPLICATE_BY_CONTENT.equals(bus.deduplication())
        ? RequestDeduplication.CONTENT_BASED
        : RequestDeduplication.BY_ENTRY_ID;
  }

  /**
   * @param validated the entries as {@link EntryValidator} prepared them, one per input entry
   * @param input the entries as the user gave them
   * @param elementInstanceKey the job's element instance; 0 outside a job, where no ID is derived
   * @throws InvalidEventsException listing every violation
   */
  static List<PreparedEntry> prepare(
      List<PreparedEntry> validated,
      EventInput input,
      CustomEventBus bus,
      AwsConfiguration configuration,
      long elementInstanceKey) {
    List<String> violations = new ArrayList<>();
    if (configuration.hasEndpointId()) {
      violations.add(
          "configuration.endpointId: global endpoints serve classic buses only; leave it empty for a Custom Event Bus");
    }
    if (bus.region() != null && !bus.region().equals(configuration.region())) {
      violations.add(
          "bus.eventBusArn: the bus is in "
              + bus.region()
              + ", the configuration's region is "
              + configuration.region()
              + "; they must be the same");
    }
    // The bus's own values are checked once, under their own names; an event is blamed only for
    // what it gave itself.
    boolean givenIds = EventBus.DEDUPLICATE_BY_GIVEN_ID.equals(bus.deduplication());
    checkId("bus.eventGroupId", bus.eventGroupId(), violations);
    boolean busIdValid = true;
    if (givenIds) {
      busIdValid = checkId("bus.deduplicationId", bus.deduplicationId(), violations);
    } else if (bus.deduplicationId() != null) {
      violations.add(
          "bus.deduplicationId: is only used when deduplication is "
              + EventBus.DEDUPLICATE_BY_GIVEN_ID);
    }
    Map<String, String> pathByGivenId = new HashMap<>();
    List<PreparedEntry> prepared = new ArrayList<>(validated.size());
    for (PreparedEntry entry : validated) {
      EventEntry event = input.entries().get(entry.index()).entry();
      String path = entry.path();
      if (isSet(event.eventBusName()) && !TEMPLATE_DEFAULT_BUS_NAME.equals(event.eventBusName())) {
        violations.add(
            path
                + ".eventBusName: names a classic bus; a Custom Event Bus is addressed by bus.eventBusArn");
      }
      if (isSet(event.traceHeader())) {
        violations.add(path + ".traceHeader: a Custom Event Bus has no trace header");
      }
      String group = bus.eventGroupId();
      if (isSet(event.eventGroupId())) {
        group = event.eventGroupId();
        checkId(path + ".eventGroupId", group, violations);
      }
      String deduplicationId = null;
      if (givenIds) {
        boolean valid = busIdValid;
        deduplicationId = bus.deduplicationId();
        if (isSet(event.deduplicationId())) {
          deduplicationId = event.deduplicationId();
          valid = checkId(path + ".deduplicationId", deduplicationId, violations);
        }
        if (deduplicationId == null) {
          violations.add(
              missingIdPath(input, path)
                  + ": is required when deduplication is "
                  + EventBus.DEDUPLICATE_BY_GIVEN_ID
                  + " (bus.deduplicationId for a single event, deduplicationId in each event's context for a batch)");
        } else if (valid) {
          String first = pathByGivenId.putIfAbsent(deduplicationId, path);
          if (first != null) {
            violations.add(
                path
                    + ".deduplicationId: repeats the ID of "
                    + first
                    + ", so the bus would drop this event as a duplicate of that one");
          }
        }
      } else if (isSet(event.deduplicationId())) {
        violations.add(
            path
                + ".deduplicationId: is only used when deduplication is "
                + EventBus.DEDUPLICATE_BY_GIVEN_ID);
      }
      PreparedEntry withGroup = entry.withSystemMetadata(group, null);
      boolean derived =
          EventBus.DEDUPLICATE_BY_JOB.equals(bus.deduplication()) && elementInstanceKey != 0;
      if (derived) {
        deduplicationId = elementInstanceKey + "-" + entry.index() + "-" + withGroup.hash();
      }
      prepared.add(entry.withSystemMetadata(group, deduplicationId));
    }
    if (!violations.isEmpty()) {
      throw new InvalidEventsException(violations);
    }
    return prepared;
  }

  /** A single event has no ID of its own: the bus's field is where its ID is missing. */
  private static String missingIdPath(EventInput input, String path) {
    return switch (input) {
      case SingleEvent single -> "bus.deduplicationId";
      case EventBatch batch -> path + ".deduplicationId";
    };
  }

  /** The model's rules for both IDs: 1 to 128 characters, not only white space. */
  private static boolean checkId(String path, String id, List<String> violations) {
    if (id == null) {
      return true;
    }
    if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
      violations.add(
          path + ": must be 1 to " + MAX_ID_LENGTH + " characters, not only white space");
      return false;
    }
    return true;
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
