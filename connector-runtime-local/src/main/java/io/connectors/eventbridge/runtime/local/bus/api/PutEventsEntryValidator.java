package io.connectors.eventbridge.runtime.local.bus.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.eventbridge.putevents.EntryProblem;
import io.connectors.eventbridge.putevents.PutEventsEntryFields;
import io.connectors.eventbridge.putevents.PutEventsRules;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Per-entry PutEvents checks ({@link PutEventsRules}), answered with EventBridge's error codes, so
 * that a caller's error handling can be exercised locally before it meets AWS.
 */
public final class PutEventsEntryValidator {

  private final PutEventsRules rules;

  public PutEventsEntryValidator(ObjectMapper mapper) {
    this.rules = new PutEventsRules(mapper);
  }

  /** The first problem of the entry, in the order EventBridge checks, or empty if it is valid. */
  public Optional<EntryError> validate(PutEventsEntry entry) {
    var fields =
        new PutEventsEntryFields(
            entry.eventBusName(),
            entry.source(),
            entry.detailType(),
            entry.detail(),
            entry.resources(),
            entry.time() == null ? null : timeText(entry.time()),
            entry.traceHeader());
    List<EntryProblem> problems = rules.check(0, fields);
    return problems.stream().findFirst().map(PutEventsEntryValidator::toError);
  }

  private static EntryError toError(EntryProblem problem) {
    String parameter = problem.field().wireName();
    return switch (problem.rule()) {
      case RESERVED_SOURCE -> EntryError.notAuthorizedForSource();
      case NOT_JSON, NOT_JSON_OBJECT -> EntryError.malformedDetail();
      case MISSING -> EntryError.invalidArgument(parameter, parameter + " is a required argument.");
      default ->
          EntryError.invalidArgument(parameter, problem.wirePath() + " " + problem.message() + ".");
    };
  }

  /**
   * Time as RFC 3339 text for the rules: the SDKs send epoch seconds (always a valid time),
   * hand-written calls often text; anything else is passed on as its JSON, which is no timestamp.
   */
  private static String timeText(JsonNode time) {
    if (time.isNumber()) {
      return epochSeconds(time).toString();
    }
    return time.isTextual() ? time.textValue() : time.toString();
  }

  /** The entry's Time: the SDKs send epoch seconds, hand-written calls often RFC 3339 text. */
  public static Optional<Instant> parseTime(JsonNode time) {
    if (time.isNumber()) {
      return Optional.of(epochSeconds(time));
    }
    return time.isTextual() ? PutEventsRules.parseTime(time.textValue()) : Optional.empty();
  }

  private static Instant epochSeconds(JsonNode time) {
    return Instant.ofEpochMilli(Math.round(time.doubleValue() * 1000));
  }
}
