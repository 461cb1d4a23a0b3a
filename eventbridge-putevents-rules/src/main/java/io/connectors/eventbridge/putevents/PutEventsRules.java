package io.connectors.eventbridge.putevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.eventbridge.putevents.EntryProblem.Rule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AWS's documented rules for a PutEvents entry (Amazon EventBridge API Reference, PutEvents and
 * PutEventsRequestEntry) and its entry-size formula (EventBridge User Guide, "Calculating PutEvents
 * event entry size"). What a caller does with a broken rule (an incident naming a template field,
 * an AWS error code on the wire) is the caller's business.
 */
public final class PutEventsRules {

  /** PutEvents takes 1 to 10 entries per request. */
  public static final int MIN_ENTRIES = 1;

  public static final int MAX_ENTRIES = 10;

  /**
   * Not in the PutEventsRequestEntry reference, which gives Source no length constraint; 256 is the
   * limit the API documents for Source wherever it gives one (PutPartnerEventsRequestEntry, the
   * eventsv2 PutEvents entry). Longer sources cannot be matched by rules anyway.
   */
  public static final int MAX_SOURCE_LENGTH = 256;

  public static final int MAX_DETAIL_TYPE_LENGTH = 128;
  public static final int MAX_EVENT_BUS_NAME_LENGTH = 1600;
  public static final int MAX_RESOURCE_LENGTH = 2048;
  public static final int MAX_TRACE_HEADER_LENGTH = 500;

  /** Per the "Calculating PutEvents event entry size" page: Time counts 14 bytes if set. */
  static final int TIME_SIZE = 14;

  /**
   * The documented pattern of PutEventsRequestEntry.EventBusName: an optional event bus ARN prefix,
   * then a name of letters, digits, '.', '-' and '_'. The reference does not say whether the
   * pattern must match the whole value; EventBridge matches it whole: a partner bus ARN ({@code
   * ...:event-bus/aws.partner/...}) is rejected with "Member must satisfy regular expression
   * pattern" (aws/aws-sdk-js-v3#3714), so '/' in the name is not allowed. Partner buses do not take
   * PutEvents (the model's type is NonPartnerEventBusNameOrArn). Newer and older versions of the
   * page differ in the Region part ({@code [a-z]{2}-} or {@code [a-z]+-}); this takes the wider.
   */
  private static final Pattern EVENT_BUS_NAME_OR_ARN =
      Pattern.compile(
          "(?:arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus/)?[._\\-A-Za-z0-9]+");

  /**
   * The general ARN format of the AWS General Reference: {@code
   * arn:partition:service:region:account-id:resource}, where the partition is aws or aws-* (aws-cn,
   * aws-us-gov, ...), the Region and the account may be empty (arn:aws:s3:::my-bucket), and the
   * account is 12 digits or {@code aws} (AWS-managed resources). The PutEvents reference says only
   * that resources are ARNs of at most 2048 characters, and whether EventBridge itself checks more
   * than that is not documented; checking the general format catches the usual mistakes (a bare
   * name, a URL) before they reach rules that match on resources.
   */
  private static final Pattern ARN =
      Pattern.compile("arn:aws(?:-[a-z]+)*:[A-Za-z0-9-]+:[a-z0-9-]*:(?:[0-9]{12}|aws)?:.+");

  private static final String DETAIL_EXAMPLE = "give a JSON object, e.g. {\"orderId\": \"42\"}";

  private final ObjectMapper mapper;

  /**
   * @param mapper reads Detail; Jackson's default nesting limit (1000) is the depth PutEvents
   *     documents it processes
   */
  public PutEventsRules(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Whether a request may carry this many entries. */
  public static boolean isValidEntryCount(int entries) {
    return entries >= MIN_ENTRIES && entries <= MAX_ENTRIES;
  }

  /**
   * Every broken rule of the entry, in the order EventBridge checks the fields ({@link
   * EntryField}); empty if the entry is valid.
   *
   * @param index the entry's position, copied into each problem
   */
  public List<EntryProblem> check(int index, PutEventsEntryFields entry) {
    var problems = new Problems(index);

    String source = entry.source();
    if (isBlank(source)) {
      problems.add(EntryField.SOURCE, Rule.MISSING, "must not be blank");
    } else if (source.startsWith("aws.")) {
      problems.add(
          EntryField.SOURCE,
          Rule.RESERVED_SOURCE,
          "must not start with 'aws.' (reserved for events from AWS services)");
    } else {
      problems.maxLength(EntryField.SOURCE, -1, source, MAX_SOURCE_LENGTH);
    }

    String detailType = entry.detailType();
    if (isBlank(detailType)) {
      problems.add(EntryField.DETAIL_TYPE, Rule.MISSING, "must not be blank");
    } else {
      problems.maxLength(EntryField.DETAIL_TYPE, -1, detailType, MAX_DETAIL_TYPE_LENGTH);
    }

    checkDetail(entry.detail(), problems);

    String bus = entry.eventBusName();
    if (bus != null && !isEventBusNameOrArn(bus)) {
      problems.add(
          EntryField.EVENT_BUS_NAME,
          Rule.NOT_EVENT_BUS,
          "must be an event bus name (letters, digits, . - _) or an event bus ARN"
              + " (arn:aws:events:<region>:<account>:event-bus/<name>)");
    }

    List<String> resources = entry.resources() == null ? List.of() : entry.resources();
    for (int r = 0; r < resources.size(); r++) {
      String resource = resources.get(r);
      if (resource == null || !ARN.matcher(resource).matches()) {
        problems.add(
            EntryField.RESOURCES, r, Rule.NOT_ARN, "must be an ARN such as arn:aws:s3:::my-bucket");
      } else {
        problems.maxLength(EntryField.RESOURCES, r, resource, MAX_RESOURCE_LENGTH);
      }
    }

    if (entry.time() != null && parseTime(entry.time()).isEmpty()) {
      problems.add(
          EntryField.TIME,
          Rule.NOT_TIMESTAMP,
          "must be an ISO-8601 timestamp with offset (RFC 3339), e.g. 2026-01-31T12:00:00Z");
    }

    String traceHeader = entry.traceHeader();
    if (traceHeader != null) {
      if (traceHeader.isEmpty()) {
        problems.add(EntryField.TRACE_HEADER, Rule.EMPTY, "must not be empty; leave it out");
      } else {
        problems.maxLength(EntryField.TRACE_HEADER, -1, traceHeader, MAX_TRACE_HEADER_LENGTH);
      }
    }
    return problems.list;
  }

  private void checkDetail(String detail, Problems problems) {
    if (isBlank(detail)) {
      problems.add(EntryField.DETAIL, Rule.MISSING, "must not be blank; " + DETAIL_EXAMPLE);
      return;
    }
    JsonNode node;
    try {
      node = mapper.readTree(detail);
    } catch (JsonProcessingException e) {
      // Jackson's own message quotes the text; only the position is safe to repeat.
      var location = e.getLocation();
      problems.add(
          EntryField.DETAIL,
          Rule.NOT_JSON,
          "is not valid JSON"
              + (location == null
                  ? ""
                  : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
      return;
    }
    if (!node.isObject()) {
      problems.add(
          EntryField.DETAIL,
          Rule.NOT_JSON_OBJECT,
          "must be a JSON object, but the text is a JSON "
              + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
  }

  /** Whether the text is what PutEventsRequestEntry.EventBusName accepts. */
  public static boolean isEventBusNameOrArn(String value) {
    return value.length() <= MAX_EVENT_BUS_NAME_LENGTH
        && EVENT_BUS_NAME_OR_ARN.matcher(value).matches();
  }

  /** Whether the text has the general ARN format (see {@link #ARN}). */
  public static boolean isArn(String value) {
    return ARN.matcher(value).matches();
  }

  /** An entry's Time as text: RFC 3339, which requires the offset ({@code Z} or {@code +01:00}). */
  public static Optional<Instant> parseTime(String text) {
    try {
      return Optional.of(
          OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * AWS's entry-size formula: 14 bytes for Time if set, plus the UTF-8 bytes of Source, DetailType,
   * Detail and each resource. The request's quota applies to the sum over its entries; the JSON
   * around the fields, EventBusName and TraceHeader do not count.
   */
  public static int entrySize(
      boolean timeSet, String source, String detailType, String detail, List<String> resources) {
    int size = timeSet ? TIME_SIZE : 0;
    size += Utf8.length(source) + Utf8.length(detailType) + Utf8.length(detail);
    if (resources != null) {
      for (String resource : resources) {
        size += Utf8.length(resource);
      }
    }
    return size;
  }

  /** {@link #entrySize(boolean, String, String, String, List)} of the fields. */
  public static int entrySize(PutEventsEntryFields entry) {
    return entrySize(
        entry.time() != null,
        entry.source(),
        entry.detailType(),
        entry.detail(),
        entry.resources());
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static final class Problems {
    private final int index;
    private final List<EntryProblem> list = new ArrayList<>();

    Problems(int index) {
      this.index = index;
    }

    void add(EntryField field, Rule rule, String message) {
      add(field, -1, rule, message);
    }

    void add(EntryField field, int item, Rule rule, String message) {
      list.add(new EntryProblem(index, field, item, rule, message));
    }

    /**
     * The API reference counts "characters" without saying which; this counts code points, so a
     * character outside the Basic Multilingual Plane (an emoji) is one, not two UTF-16 units.
     */
    void maxLength(EntryField field, int item, String value, int max) {
      int length = value.codePointCount(0, value.length());
      if (length > max) {
        add(field, item, Rule.TOO_LONG, "must be at most " + max + " characters, was " + length);
      }
    }
  }
}
