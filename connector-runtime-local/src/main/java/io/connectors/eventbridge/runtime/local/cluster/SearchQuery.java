package io.connectors.eventbridge.runtime.local.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.camunda.client.protocol.rest.SearchQueryPageResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One search request of the Orchestration Cluster API ({@code {"filter", "sort", "page"}}) applied
 * to rows, each row read field by field by the names the API gives its fields.
 *
 * <p>Filters take a plain value (equality) or an operator object ({@code $eq, $neq, $exists, $in,
 * $notIn, $like, $gt, $gte, $lt, $lte}). A filter field, operator, sort field or page field this
 * search does not know is a 400, never silently ignored. Paging is by offset ({@code from}) or by
 * cursor ({@code after}, {@code before}); a cursor encodes the sort values of the row it points at,
 * so it stays valid while rows come and go.
 *
 * @param <T> a row: the answer's item, with any field that only the filter knows
 */
final class SearchQuery<T> {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 10_000;
  private static final ObjectMapper CURSOR_JSON = new ObjectMapper();
  private static final Set<String> OPERATORS =
      Set.of("$eq", "$neq", "$exists", "$in", "$notIn", "$like", "$gt", "$gte", "$lt", "$lte");

  /**
   * What one search endpoint supports.
   *
   * @param fields the fields its filter accepts, each with how to read it from a row (the value in
   *     the form the answer shows it: keys and dates as text)
   * @param sortFields fields it sorts by
   * @param keyField the row's unique key: the last sort criterion, so that the order is total
   */
  record Spec<T>(Map<String, Function<T, Object>> fields, Set<String> sortFields, String keyField) {

    Spec {
      fields = Map.copyOf(fields);
      sortFields = Set.copyOf(sortFields);
      if (!fields.keySet().containsAll(sortFields) || !fields.containsKey(keyField)) {
        throw new IllegalArgumentException("sort and key fields must be fields: " + sortFields);
      }
    }

    Object read(T row, String field) {
      return fields.get(field).apply(row);
    }
  }

  /** One field of a {@link Spec}: its name in the API and how to read it from a row. */
  static <T> Map.Entry<String, Function<T, Object>> field(String name, Function<T, Object> read) {
    return Map.entry(name, read);
  }

  /** The rows of one page, and the answer's page information. */
  record Page<T>(List<T> items, SearchQueryPageResponse page) {}

  private record Sort(String field, boolean descending) {}

  private final Spec<T> spec;
  private final List<Predicate<T>> filters = new ArrayList<>();
  private final List<Sort> sorts = new ArrayList<>();
  private Integer from;
  private int limit = DEFAULT_LIMIT;
  private List<Object> after;
  private List<Object> before;

  private SearchQuery(Spec<T> spec) {
    this.spec = spec;
  }

  /** Reads a search request body; null or empty means no filter, default sort and first page. */
  static <T> SearchQuery<T> parse(JsonNode body, Spec<T> spec) {
    var query = new SearchQuery<>(spec);
    if (body == null || body.isNull() || body.isMissingNode()) {
      return query;
    }
    requireObject(body, "");
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!Set.of("filter", "sort", "page").contains(name)) {
        throw unknownProperty(name);
      }
    }
    // The page last: a cursor is read against the sort.
    for (String name : List.of("filter", "sort", "page")) {
      JsonNode value = body.get(name);
      if (value == null || value.isNull()) {
        continue;
      }
      switch (name) {
        case "filter" -> query.readFilter(value);
        case "sort" -> query.readSort(value);
        default -> query.readPage(value);
      }
    }
    return query;
  }

  /** True when this request starts a new scan rather than continuing one with a cursor. */
  boolean startsScan() {
    return after == null && before == null && (from == null || from == 0);
  }

  /** Filters, sorts and pages the rows. */
  Page<T> answer(List<T> rows) {
    Comparator<List<Object>> order = tupleOrder();
    List<T> matching =
        rows.stream()
            .filter(row -> filters.stream().allMatch(f -> f.test(row)))
            .sorted(Comparator.comparing(this::tuple, order))
            .toList();
    List<T> page;
    if (after != null) {
      page =
          matching.stream()
              .filter(row -> order.compare(tuple(row), after) > 0)
              .limit(limit)
              .toList();
    } else if (before != null) {
      List<T> earlier =
          matching.stream().filter(row -> order.compare(tuple(row), before) < 0).toList();
      page = earlier.subList(Math.max(0, earlier.size() - limit), earlier.size());
    } else {
      int start = from == null ? 0 : Math.min(from, matching.size());
      page = matching.subList(start, Math.min(matching.size(), start + limit));
    }
    // An empty page has no cursors: the API's schema allows them absent, not null.
    var pageInfo =
        new SearchQueryPageResponse()
            .totalItems((long) matching.size())
            .hasMoreTotalItems(false)
            .startCursor(page.isEmpty() ? null : cursor(page.get(0)))
            .endCursor(page.isEmpty() ? null : cursor(page.get(page.size() - 1)));
    return new Page<>(page, pageInfo);
  }

  // --- filter ---

  private void readFilter(JsonNode filter) {
    requireObject(filter, "filter");
    for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
      var entry = it.next();
      String field = entry.getKey();
      JsonNode condition = entry.getValue();
      if (!spec.fields().containsKey(field)) {
        throw ApiProblem.invalidArgument(
            "Filter property [filter.%s] is not supported by this search".formatted(field));
      }
      if (condition.isNull()) {
        continue;
      }
      Predicate<Object> test = condition(field, condition);
      filters.add(row -> test.test(spec.read(row, field)));
    }
  }

  /** The test of one filter field's condition on the field's value. */
  static Predicate<Object> condition(String field, JsonNode condition) {
    String path = "filter." + field;
    if (condition.isValueNode()) {
      Object expected = scalar(condition);
      return actual -> same(actual, expected);
    }
    if (!condition.isObject()) {
      throw ApiProblem.cannotParse(path);
    }
    List<Predicate<Object>> parts = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = condition.fields(); it.hasNext(); ) {
      var entry = it.next();
      String operator = entry.getKey();
      JsonNode operand = entry.getValue();
      if (!OPERATORS.contains(operator)) {
        throw ApiProblem.invalidArgument(
            "Filter operator [%s.%s] is not supported by this search".formatted(path, operator));
      }
      parts.add(operator(path + "." + operator, operator, operand));
    }
    return actual -> parts.stream().allMatch(p -> p.test(actual));
  }

  private static Predicate<Object> operator(String path, String operator, JsonNode operand) {
    if (operator.equals("$in") || operator.equals("$notIn")) {
      if (!operand.isArray()) {
        throw ApiProblem.cannotParse(path);
      }
      List<Object> values = new ArrayList<>();
      operand.forEach(v -> values.add(scalarOrFail(v, path)));
      if (values.isEmpty()) {
        // As Camunda reads it: an empty list is no condition (the Java client always sends one).
        return actual -> true;
      }
      boolean in = operator.equals("$in");
      return actual -> values.stream().anyMatch(v -> same(actual, v)) == in;
    }
    if (operator.equals("$exists")) {
      if (!operand.isBoolean()) {
        throw ApiProblem.cannotParse(path);
      }
      boolean exists = operand.booleanValue();
      return actual -> (actual != null) == exists;
    }
    Object expected = scalarOrFail(operand, path);
    return switch (operator) {
      case "$eq" -> actual -> same(actual, expected);
      case "$neq" -> actual -> !same(actual, expected);
      case "$like" -> {
        Pattern pattern = likePattern(String.valueOf(expected));
        yield actual -> actual != null && pattern.matcher(String.valueOf(actual)).matches();
      }
      case "$gt" -> actual -> actual != null && compare(actual, expected) > 0;
      case "$gte" -> actual -> actual != null && compare(actual, expected) >= 0;
      case "$lt" -> actual -> actual != null && compare(actual, expected) < 0;
      default -> actual -> actual != null && compare(actual, expected) <= 0;
    };
  }

  /** Camunda's like: {@code *} any characters, {@code ?} one character, backslash escapes. */
  private static Pattern likePattern(String like) {
    var regex = new StringBuilder();
    for (int i = 0; i < like.length(); i++) {
      char c = like.charAt(i);
      if (c == '\\' && i + 1 < like.length()) {
        regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
      } else if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static Object scalarOrFail(JsonNode node, String path) {
    if (!node.isValueNode() || node.isNull()) {
      throw ApiProblem.cannotParse(path);
    }
    return scalar(node);
  }

  private static Object scalar(JsonNode node) {
    return switch (node.getNodeType()) {
      case BOOLEAN -> node.booleanValue();
      case NUMBER -> node.decimalValue();
      default -> node.asText();
    };
  }

  /** Equality across the JSON forms a value may take (a key as string or number, and so on). */
  private static boolean same(Object actual, Object expected) {
    if (actual == null || expected == null) {
      return actual == expected;
    }
    return compare(actual, expected) == 0;
  }

  /**
   * Numbers (and numeric strings such as keys) by value, then dates by instant, then the rest as
   * text. Ranking the kinds first keeps this a total order over mixed values, which sorting and
   * cursor paging need.
   */
  static int compare(Object a, Object b) {
    BigDecimal x = number(a);
    BigDecimal y = number(b);
    if (x != null || y != null) {
      return x == null ? 1 : y == null ? -1 : x.compareTo(y);
    }
    OffsetDateTime s = date(a);
    OffsetDateTime t = date(b);
    if (s != null || t != null) {
      return s == null ? 1 : t == null ? -1 : s.toInstant().compareTo(t.toInstant());
    }
    return String.valueOf(a).compareTo(String.valueOf(b));
  }

  private static BigDecimal number(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString());
    }
    if (value instanceof String text
        && !text.isEmpty()
        && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '-')) {
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException notANumber) {
        return null;
      }
    }
    return null;
  }

  private static OffsetDateTime date(Object value) {
    if (value instanceof String text && text.length() >= 20 && text.charAt(4) == '-') {
      try {
        return OffsetDateTime.parse(text);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  // --- sort ---

  private void readSort(JsonNode sort) {
    if (!sort.isArray()) {
      throw ApiProblem.cannotParse("sort");
    }
    for (JsonNode criterion : sort) {
      requireObject(criterion, "sort");
      String field = null;
      boolean descending = false;
      for (Iterator<Map.Entry<String, JsonNode>> it = criterion.fields(); it.hasNext(); ) {
        var entry = it.next();
        switch (entry.getKey()) {
          case "field" -> field = entry.getValue().asText();
          case "order" -> {
            String order = entry.getValue().asText();
            if (!order.equalsIgnoreCase("ASC") && !order.equalsIgnoreCase("DESC")) {
              throw ApiProblem.invalidArgument(
                  "Unknown sortOrder: %s. Use any of the following values: [ASC, DESC]"
                      .formatted(order));
            }
            descending = order.equalsIgnoreCase("DESC");
          }
          default -> throw unknownProperty("sort." + entry.getKey());
        }
      }
      if (field == null || field.isBlank()) {
        throw ApiProblem.invalidArgument("Sort field must not be null.");
      }
      if (!spec.sortFields().contains(field)) {
        throw ApiProblem.invalidArgument(
            "Unknown sortBy: %s. Use any of the following values: %s"
                .formatted(field, spec.sortFields().stream().sorted().toList()));
      }
      sorts.add(new Sort(field, descending));
    }
  }

  private List<Object> tuple(T row) {
    List<Object> values = new ArrayList<>(sorts.size() + 1);
    sorts.forEach(sort -> values.add(spec.read(row, sort.field())));
    values.add(spec.read(row, spec.keyField()));
    return values;
  }

  private Comparator<List<Object>> tupleOrder() {
    return (a, b) -> {
      for (int i = 0; i < a.size(); i++) {
        boolean descending = i < sorts.size() && sorts.get(i).descending();
        Object x = a.get(i);
        Object y = b.get(i);
        int result;
        if (x == null || y == null) {
          // Rows without the value come last, whatever the order.
          result = x == y ? 0 : x == null ? 1 : -1;
        } else {
          result = descending ? compare(y, x) : compare(x, y);
        }
        if (result != 0) {
          return result;
        }
      }
      return 0;
    };
  }

  // --- page ---

  private void readPage(JsonNode page) {
    requireObject(page, "page");
    for (Iterator<Map.Entry<String, JsonNode>> it = page.fields(); it.hasNext(); ) {
      var entry = it.next();
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        continue;
      }
      switch (entry.getKey()) {
        case "from" -> from = nonNegative(value, "page.from");
        case "limit" -> {
          limit = nonNegative(value, "page.limit");
          if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.invalidArgument(
                "The value for page.limit is '%d' but must be between 1 and %d."
                    .formatted(limit, MAX_LIMIT));
          }
        }
        case "after" -> after = decodeCursor(value, "page.after");
        case "before" -> before = decodeCursor(value, "page.before");
        default -> throw unknownProperty("page." + entry.getKey());
      }
    }
    int ways = (from != null ? 1 : 0) + (after != null ? 1 : 0) + (before != null ? 1 : 0);
    if (ways > 1) {
      throw ApiProblem.invalidArgument(
          "Only one of page.from, page.after and page.before may be given.");
    }
  }

  private static int nonNegative(JsonNode value, String path) {
    if (!value.canConvertToInt() || value.getNodeType() != JsonNodeType.NUMBER) {
      throw ApiProblem.cannotParse(path);
    }
    int number = value.intValue();
    if (number < 0) {
      throw ApiProblem.invalidArgument(
          "The value for %s is '%d' but must be non-negative.".formatted(path, number));
    }
    return number;
  }

  /** Standard Base64 with padding, the alphabet the API's schema gives its cursors. */
  private String cursor(T row) {
    try {
      byte[] json = CURSOR_JSON.writeValueAsBytes(tuple(row));
      return Base64.getEncoder().encodeToString(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Object> decodeCursor(JsonNode value, String path) {
    if (!value.isTextual()) {
      throw ApiProblem.cannotParse(path);
    }
    try {
      byte[] json = Base64.getDecoder().decode(value.asText());
      List<Object> tuple = new ArrayList<>();
      for (JsonNode node : CURSOR_JSON.readTree(new String(json, StandardCharsets.UTF_8))) {
        tuple.add(node.isNull() ? null : scalar(node));
      }
      if (tuple.size() != sorts.size() + 1) {
        throw new IllegalArgumentException("cursor of another sort");
      }
      return tuple;
    } catch (RuntimeException | java.io.IOException e) {
      throw ApiProblem.invalidArgument(
          "The value for %s is not a cursor of this search.".formatted(path));
    }
  }

  // --- helpers ---

  private static void requireObject(JsonNode node, String path) {
    if (!node.isObject()) {
      throw ApiProblem.cannotParse(path);
    }
  }

  private static ApiProblem unknownProperty(String path) {
    return ApiProblem.invalidArgument(
        "Request property [%s] is not part of this search".formatted(path));
  }
}
