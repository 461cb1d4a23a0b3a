package io.connectors.eventbridge.putevents;

/**
 * One broken rule of one entry. The message never contains the field's value (it may be a secret or
 * a customer's payload), only fixed text, limits, lengths, a JSON type or a parse position.
 *
 * @param index the entry's position in the list that was checked
 * @param item the position within {@link EntryField#RESOURCES}, or -1 for a single-valued field
 * @param message e.g. {@code must be at most 128 characters, was 129}; without the field name
 */
public record EntryProblem(
    int index, EntryField field, int item, EntryProblem.Rule rule, String message) {

  /** Which rule was broken, so that callers can choose their own error codes. */
  public enum Rule {
    /** A required field is missing or blank. */
    MISSING,
    /** An optional field was given, but empty. */
    EMPTY,
    /** A Source starting with {@code aws.}, which only AWS services may use. */
    RESERVED_SOURCE,
    TOO_LONG,
    /** Detail is not JSON at all. */
    NOT_JSON,
    /** Detail is JSON, but not an object. */
    NOT_JSON_OBJECT,
    NOT_EVENT_BUS,
    NOT_ARN,
    NOT_TIMESTAMP
  }

  /** The field by its member name, e.g. {@code detailType} or {@code resources[2]}. */
  public String memberPath() {
    return field.memberName() + itemSuffix();
  }

  /** The field by its request-body name, e.g. {@code DetailType} or {@code Resources[2]}. */
  public String wirePath() {
    return field.wireName() + itemSuffix();
  }

  private String itemSuffix() {
    return item < 0 ? "" : "[" + item + "]";
  }
}
