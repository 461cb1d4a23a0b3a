package io.connectors.eventbridge.runtime.local.bus.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Per-entry PutEvents checks, with EventBridge's error codes, so that a caller's error handling can
 * be exercised locally before it meets AWS.
 */
public final class PutEventsEntryValidator {

  static final int MAX_SOURCE_LENGTH = 256;
  static final int MAX_DETAIL_TYPE_LENGTH = 128;
  static final int MAX_TRACE_HEADER_LENGTH = 500;
  private static final Pattern BUS_NAME = Pattern.compile("[/.\\-_A-Za-z0-9]{1,256}");
  private static final Pattern BUS_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:event-bus/[/.\\-_A-Za-z0-9]{1,256}");

  private final ObjectMapper mapper;

  public PutEventsEntryValidator(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The first problem of the entry, in the order EventBridge checks, or empty if it is valid. */
  public Optional<EntryError> validate(PutEventsEntry entry) {
    if (isBlank(entry.source())) {
      return error("Source", "Source is a required argument.");
    }
    if (entry.source().startsWith("aws.")) {
      return Optional.of(EntryError.notAuthorizedForSource());
    }
    if (entry.source().length() > MAX_SOURCE_LENGTH) {
      return error("Source", "Source exceeds " + MAX_SOURCE_LENGTH + " characters.");
    }
    if (isBlank(entry.detailType())) {
      return error("DetailType", "DetailType is a required argument.");
    }
    if (entry.detailType().length() > MAX_DETAIL_TYPE_LENGTH) {
      return error("DetailType", "DetailType exceeds " + MAX_DETAIL_TYPE_LENGTH + " characters.");
    }
    if (isBlank(entry.detail())) {
      return error("Detail", "Detail is a required argument.");
    }
    if (!isJsonObject(entry.detail())) {
      return Optional.of(EntryError.malformedDetail());
    }
    if (entry.eventBusName() != null
        && !entry.eventBusName().isEmpty()
        && !BUS_NAME.matcher(entry.eventBusName()).matches()
        && !BUS_ARN.matcher(entry.eventBusName()).matches()) {
      return error("EventBusName", "EventBusName must be an event bus name or ARN.");
    }
    for (String resource : entry.resources()) {
      if (resource == null || !resource.startsWith("arn:")) {
        return error("Resources", "Each resource must be an ARN.");
      }
    }
    if (entry.time() != null && parseTime(entry.time()).isEmpty()) {
      return error("Time", "Time must be an RFC 3339 timestamp or epoch seconds.");
    }
    if (entry.traceHeader() != null && entry.traceHeader().length() > MAX_TRACE_HEADER_LENGTH) {
      return error(
          "TraceHeader", "TraceHeader exceeds " + MAX_TRACE_HEADER_LENGTH + " characters.");
    }
    return Optional.empty();
  }

  /** The entry's Time: the SDKs send epoch seconds, hand-written calls often RFC 3339 text. */
  public static Optional<Instant> parseTime(JsonNode time) {
    if (time.isNumber()) {
      long millis = Math.round(time.doubleValue() * 1000);
      return Optional.of(Instant.ofEpochMilli(millis));
    }
    if (time.isTextual()) {
      try {
        return Optional.of(OffsetDateTime.parse(time.textValue()).toInstant());
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private boolean isJsonObject(String detail) {
    try {
      JsonNode node = mapper.readTree(detail);
      return node != null && node.isObject();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static Optional<EntryError> error(String parameter, String reason) {
    return Optional.of(EntryError.invalidArgument(parameter, reason));
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
