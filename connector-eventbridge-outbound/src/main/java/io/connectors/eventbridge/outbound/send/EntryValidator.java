package io.connectors.eventbridge.outbound.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.eventbridge.outbound.model.EventEntry;
import io.connectors.eventbridge.outbound.model.EventInput.PathedEntry;
import io.connectors.eventbridge.putevents.EntryField;
import io.connectors.eventbridge.putevents.EntryProblem;
import io.connectors.eventbridge.putevents.PutEventsEntryFields;
import io.connectors.eventbridge.putevents.PutEventsRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Checks every entry against EventBridge's rules ({@link PutEventsRules}) before any network call,
 * so a bad task fails at once with a message naming the field, instead of as an opaque entry error
 * from AWS.
 */
public final class EntryValidator {

  private final ObjectMapper objectMapper;
  private final PutEventsRules rules;

  public EntryValidator(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
    this.rules = new PutEventsRules(objectMapper);
  }

  /**
   * @throws InvalidEventsException listing every violation of every entry, not only the first
   */
  public List<PreparedEntry> prepare(
      List<PathedEntry> entries, String listPath, int maxRequestBytes) {
    return prepare(entries, listPath, maxRequestBytes, Integer.MAX_VALUE);
  }

  /**
   * @param maxEvents the cap per task: more events fail at once, before anything is sent
   */
  public List<PreparedEntry> prepare(
      List<PathedEntry> entries, String listPath, int maxRequestBytes, int maxEvents) {
    List<String> violations = new ArrayList<>();
    if (entries.isEmpty()) {
      throw new InvalidEventsException(List.of(listPath + ": must contain at least one event"));
    }
    if (entries.size() > maxEvents) {
      throw new InvalidEventsException(
          List.of(
              listPath
                  + ": has "
                  + entries.size()
                  + " events, more than the "
                  + maxEvents
                  + " allowed per task (configuration.maxEvents); split the list over several tasks, e.g. a multi-instance"));
    }
    List<PreparedEntry> prepared = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      PathedEntry pathed = entries.get(i);
      int before = violations.size();
      PutEventsRequestEntry entry = toSdkEntry(i, pathed.path(), pathed.entry(), violations);
      if (violations.size() > before) {
        continue;
      }
      int size = PreparedEntry.sizeOf(entry);
      if (size > maxRequestBytes) {
        violations.add(
            pathed.path()
                + ": entry is "
                + size
                + " bytes, over the request size limit of "
                + maxRequestBytes
                + " bytes (counted as AWS does: source, detail-type, detail, resources, and 14 bytes for time)");
        continue;
      }
      prepared.add(new PreparedEntry(i, pathed.path(), entry, size));
    }
    if (!violations.isEmpty()) {
      throw new InvalidEventsException(violations);
    }
    return prepared;
  }

  private PutEventsRequestEntry toSdkEntry(
      int index, String path, EventEntry event, List<String> violations) {
    if (event == null) {
      violations.add(path + ": must not be null");
      return null;
    }
    // Blank optional fields of a template mean "not set".
    String bus = blankToNull(event.eventBusName());
    String time = blankToNull(event.time());
    String traceHeader = blankToNull(event.traceHeader());
    int before = violations.size();
    String detail = detailJson(path + ".detail", event.detail(), violations);
    boolean detailReported = violations.size() > before;
    var fields =
        new PutEventsEntryFields(
            bus, event.source(), event.detailType(), detail, event.resources(), time, traceHeader);
    for (EntryProblem problem : rules.check(index, fields)) {
      // A detail that could not be turned into JSON text is reported once, above.
      if (!(detailReported && problem.field() == EntryField.DETAIL)) {
        violations.add(path + "." + problem.memberPath() + ": " + problem.message());
      }
    }
    if (violations.size() > before) {
      return null;
    }
    var builder =
        PutEventsRequestEntry.builder()
            .eventBusName(bus)
            .source(event.source())
            .detailType(event.detailType())
            .detail(detail)
            .traceHeader(traceHeader);
    if (event.resources() != null) {
      builder.resources(event.resources());
    }
    if (time != null) {
      builder.time(PutEventsRules.parseTime(time).orElseThrow());
    }
    return builder.build();
  }

  /**
   * The detail as the JSON text to send: a FEEL context is serialised, a JSON object text is
   * compacted (white space counts against the size quota). Text that is not a JSON object is passed
   * on as it is, for {@link PutEventsRules} to say what is wrong with it.
   */
  private String detailJson(String path, Object detail, List<String> violations) {
    return switch (detail) {
      case null -> null;
      case String text -> compact(text);
      case Map<?, ?> map -> {
        try {
          yield objectMapper.writeValueAsString(map);
        } catch (JsonProcessingException e) {
          violations.add(path + ": could not be written as JSON");
          yield null;
        }
      }
      default -> {
        violations.add(
            path
                + ": must be a JSON object, but is a "
                + objectMapper.valueToTree(detail).getNodeType().name().toLowerCase(Locale.ROOT));
        yield null;
      }
    };
  }

  private String compact(String text) {
    try {
      JsonNode node = objectMapper.readTree(text);
      return node != null && node.isObject() ? objectMapper.writeValueAsString(node) : text;
    } catch (JsonProcessingException e) {
      return text;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
