package io.connectors.eventbridge.outbound.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.eventbridge.outbound.model.EventEntry;
import io.connectors.eventbridge.outbound.model.EventInput.PathedEntry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Checks every entry against EventBridge's rules before any network call, so a bad task fails at
 * once with a message naming the field, instead of as an opaque entry error from AWS.
 */
public final class EntryValidator {

  static final int MAX_DETAIL_TYPE_LENGTH = 128;
  static final int MAX_SOURCE_LENGTH = 256;
  static final int MAX_TRACE_HEADER_LENGTH = 500;

  private static final Pattern BUS_NAME = Pattern.compile("^[/.\\-_A-Za-z0-9]{1,256}$");
  private static final Pattern BUS_ARN =
      Pattern.compile(
          "^arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:event-bus/[/.\\-_A-Za-z0-9]{1,256}$");
  private static final Pattern RESOURCE_ARN =
      Pattern.compile("^arn:aws[a-zA-Z-]*:[a-zA-Z0-9-]+:[a-z0-9-]*:(\\d{12}|aws)?:\\S+$");

  private final ObjectMapper objectMapper;

  public EntryValidator(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
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
      PutEventsRequestEntry entry = toSdkEntry(pathed.path(), pathed.entry(), violations);
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

  private PutEventsRequestEntry toSdkEntry(String path, EventEntry event, List<String> violations) {
    if (event == null) {
      violations.add(path + ": must not be null");
      return null;
    }
    var builder = PutEventsRequestEntry.builder();

    String bus = event.eventBusName();
    if (bus != null && !bus.isBlank()) {
      if (!BUS_NAME.matcher(bus).matches() && !BUS_ARN.matcher(bus).matches()) {
        violations.add(
            path
                + ".eventBusName: must be an event bus name (letters, digits, . - _ /) or an event bus ARN");
      }
      builder.eventBusName(bus);
    }

    String source = event.source();
    if (source == null || source.isBlank()) {
      violations.add(path + ".source: must not be blank");
    } else if (source.startsWith("aws.")) {
      violations.add(
          path + ".source: must not start with 'aws.' (reserved for events from AWS services)");
    } else if (source.length() > MAX_SOURCE_LENGTH) {
      violations.add(path + ".source: must be at most " + MAX_SOURCE_LENGTH + " characters");
    }
    builder.source(source);

    String detailType = event.detailType();
    if (detailType == null || detailType.isBlank()) {
      violations.add(path + ".detailType: must not be blank");
    } else if (detailType.length() > MAX_DETAIL_TYPE_LENGTH) {
      violations.add(
          path
              + ".detailType: must be at most "
              + MAX_DETAIL_TYPE_LENGTH
              + " characters, was "
              + detailType.length());
    }
    builder.detailType(detailType);

    builder.detail(detailJson(path + ".detail", event.detail(), violations));

    if (event.resources() != null) {
      List<String> resources = event.resources();
      for (int r = 0; r < resources.size(); r++) {
        String arn = resources.get(r);
        if (arn == null || !RESOURCE_ARN.matcher(arn).matches()) {
          violations.add(
              path + ".resources[" + r + "]: must be an ARN such as arn:aws:s3:::my-bucket");
        }
      }
      builder.resources(resources);
    }

    String time = event.time();
    if (time != null && !time.isBlank()) {
      builder.time(parseTime(path + ".time", time, violations));
    }

    String traceHeader = event.traceHeader();
    if (traceHeader != null && !traceHeader.isBlank()) {
      if (traceHeader.length() > MAX_TRACE_HEADER_LENGTH) {
        violations.add(
            path + ".traceHeader: must be at most " + MAX_TRACE_HEADER_LENGTH + " characters");
      }
      builder.traceHeader(traceHeader);
    }
    return builder.build();
  }

  private String detailJson(String path, Object detail, List<String> violations) {
    try {
      return switch (detail) {
        case null -> {
          violations.add(
              path + ": must not be empty; give a JSON object, e.g. {\"orderId\": \"42\"}");
          yield null;
        }
        case Map<?, ?> map -> objectMapper.writeValueAsString(map);
        case String text when text.isBlank() -> {
          violations.add(
              path + ": must not be empty; give a JSON object, e.g. {\"orderId\": \"42\"}");
          yield null;
        }
        case String text -> {
          JsonNode node = objectMapper.readTree(text);
          if (node == null || !node.isObject()) {
            violations.add(
                path + ": must be a JSON object, but the text is a JSON " + kindOf(node));
            yield null;
          }
          // Re-serialising drops insignificant white space, which counts against the size quota.
          yield objectMapper.writeValueAsString(node);
        }
        default -> {
          violations.add(
              path
                  + ": must be a JSON object, but is a "
                  + kindOf(objectMapper.valueToTree(detail)));
          yield null;
        }
      };
    } catch (JsonProcessingException e) {
      // Jackson's own message quotes the offending text; the event may carry personal data, so
      // only the position goes into the incident.
      var location = e.getLocation();
      violations.add(
          path
              + ": is not valid JSON"
              + (location == null
                  ? ""
                  : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
      return null;
    }
  }

  private static String kindOf(JsonNode node) {
    return node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static Instant parseTime(String path, String text, List<String> violations) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      violations.add(
          path + ": must be an ISO-8601 timestamp with offset, e.g. 2026-01-31T12:00:00Z");
      return null;
    }
  }
}
