package io.connectors.eventbridge.runtime.local.bus.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Reads the local bus rules file (YAML, or JSON, which is valid YAML).
 *
 * <pre>{@code
 * rules:
 *   - name: order-placed-to-fulfilment
 *     eventBusName: default            # optional
 *     eventPattern:                    # an EventBridge event pattern, as YAML or as a JSON string
 *       source: ["shop.checkout"]
 *       detail-type: ["OrderPlaced"]
 *     targets:
 *       - url: http://localhost:${local.server.port}/inbound/fulfilment
 *         auth:                        # optional: basic or apiKey
 *           apiKey: { header: x-api-key, value: "${FULFILMENT_API_KEY}" }
 * subscribers:                         # Custom Event Bus subscribers, shaped like CreateSubscriber
 *   - name: orders-to-fulfilment
 *     eventBusArn: arn:aws:events:us-east-1:000000000000:event-busv2/orders/abcdefghijklmnopqrstuvwxy
 *     filterConfiguration:             # optional; every filter must match
 *       filters:
 *         - scope: DATA                # DATA, METADATA or SYSTEM_METADATA
 *           pattern: { detail-type: ["OrderPlaced"] }
 *     target:                          # an HTTP endpoint with the same auth as a rule target
 *       url: http://localhost:${local.server.port}/inbound/fulfilment
 *       invocationTimeoutSeconds: 5    # 1 to 30, default 30
 *     transformer: { type: WITH_METADATA }       # RAW (default) or WITH_METADATA
 *     retryPolicy: { maxRetryAttempts: 5, maxEventAgeInSeconds: 300 }
 *     type: FIFO                       # FIFO or UNORDERED (default)
 * }</pre>
 *
 * <p>String values go through {@code resolver}, which in the runtime resolves {@code ${...}}
 * against environment variables and Spring properties, so secrets stay out of the file.
 */
public final class RulesFileParser {

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final UnaryOperator<String> resolver;

  public RulesFileParser(UnaryOperator<String> resolver) {
    this.resolver = resolver;
  }

  /** The classic bus's rules of the file. */
  public List<BusRule> parse(String content) {
    return parseFile(content).rules();
  }

  /** The rules and the Custom Event Bus subscribers of the file. */
  public RulesFile parseFile(String content) {
    JsonNode root;
    try {
      root = YAML.readTree(content);
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      throw new InvalidRulesException(
          "not valid YAML or JSON" + (location == null ? "" : " at line " + location.getLineNr()));
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return new RulesFile(List.of(), List.of());
    }
    return new RulesFile(
        list(root, "rules", this::rule), list(root, "subscribers", this::subscriber));
  }

  private <T> List<T> list(JsonNode root, String field, BiFunction<JsonNode, Integer, T> item) {
    JsonNode items = root.path(field);
    if (items.isMissingNode() || items.isNull()) {
      return List.of();
    }
    if (!items.isArray()) {
      throw new InvalidRulesException("'" + field + "' must be a list");
    }
    var parsed = new ArrayList<T>();
    int index = 0;
    for (JsonNode node : items) {
      parsed.add(item.apply(node, ++index));
    }
    return parsed;
  }

  private BusRule rule(JsonNode node, int index) {
    String name = text(node, "name", "rule #" + index);
    String where = "rule '" + name + "'";
    String bus = optionalText(node, "eventBusName", where);
    if (bus == null || bus.isBlank()) {
      bus = BusRule.DEFAULT_BUS;
    } else if (bus.contains(":event-bus/")) {
      bus = bus.substring(bus.lastIndexOf(":event-bus/") + ":event-bus/".length());
    }
    String patternJson = pattern(node, "eventPattern", where);
    JsonNode targets = node.get("targets");
    if (targets == null || !targets.isArray() || targets.isEmpty()) {
      throw new InvalidRulesException(where + ": 'targets' must be a non-empty list");
    }
    var parsedTargets = new ArrayList<RuleTarget>();
    int targetIndex = 0;
    for (JsonNode target : targets) {
      parsedTargets.add(target(target, where + " target #" + ++targetIndex));
    }
    return new BusRule(name, bus, patternJson, List.copyOf(parsedTargets));
  }

  /** An event pattern given as YAML or as a JSON string, as JSON text. */
  private static String pattern(JsonNode node, String field, String where) {
    JsonNode pattern = node.get(field);
    if (pattern == null || pattern.isNull()) {
      throw new InvalidRulesException(where + ": '" + field + "' is required");
    }
    try {
      return pattern.isTextual() ? pattern.textValue() : JSON.writeValueAsString(pattern);
    } catch (JsonProcessingException e) {
      throw new InvalidRulesException(where + ": '" + field + "' cannot be written as JSON");
    }
  }

  /**
   * A subscriber, in the shape of {@code CreateSubscriber} with camel-case names; the target is an
   * HTTP endpoint with the classic targets' auth instead of an ARN and a role.
   */
  private Subscriber subscriber(JsonNode node, int index) {
    String name = text(node, "name", "subscriber #" + index);
    String where = "subscriber '" + name + "'";
    String arn = optionalText(node, "eventBusArn", where);
    String busName = optionalText(node, "eventBusName", where);
    if ((arn == null) == (busName == null)) {
      throw new InvalidRulesException(where + ": give either 'eventBusArn' or 'eventBusName'");
    }
    String bus =
        arn == null
            ? busName
            : CustomBusArn.parse(arn)
                .map(CustomBusArn::name)
                .orElseThrow(
                    () ->
                        new InvalidRulesException(
                            where + ": 'eventBusArn' is not an ARN ...:event-busv2/{name}/{id}"));
    JsonNode targetNode = node.get("target");
    if (targetNode == null || !targetNode.isObject()) {
      throw new InvalidRulesException(where + ": 'target' is required");
    }
    return new Subscriber(
        name,
        bus,
        filters(node.path("filterConfiguration"), where),
        target(targetNode, where + " target"),
        Duration.ofSeconds(
            number(targetNode, "invocationTimeoutSeconds", where + " target", 1, 30, 30)),
        choice(
            node.path("transformer"),
            "type",
            where + " transformer",
            Subscriber.Transformer.class,
            Subscriber.Transformer.RAW),
        retryPolicy(node.path("retryPolicy"), where + " retryPolicy"),
        choice(node, "type", where, Subscriber.Ordering.class, Subscriber.Ordering.UNORDERED));
  }

  private List<Subscriber.Filter> filters(JsonNode configuration, String where) {
    if (configuration.isMissingNode() || configuration.isNull()) {
      return List.of();
    }
    JsonNode filters = configuration.get("filters");
    if (filters == null || !filters.isArray() || filters.isEmpty()) {
      throw new InvalidRulesException(
          where + ": 'filterConfiguration' must contain a non-empty list 'filters'");
    }
    var parsed = new ArrayList<Subscriber.Filter>();
    var scopes = EnumSet.noneOf(Subscriber.Scope.class);
    int index = 0;
    for (JsonNode filter : filters) {
      String filterWhere = where + " filter #" + ++index;
      var scope =
          choice(filter, "scope", filterWhere, Subscriber.Scope.class, Subscriber.Scope.DATA);
      // As CreateSubscriber: at most one filter per scope.
      if (!scopes.add(scope)) {
        throw new InvalidRulesException(where + ": more than one filter with scope " + scope);
      }
      parsed.add(new Subscriber.Filter(scope, pattern(filter, "pattern", filterWhere)));
    }
    return List.copyOf(parsed);
  }

  private Subscriber.RetryPolicy retryPolicy(JsonNode node, String where) {
    return new Subscriber.RetryPolicy(
        number(
            node,
            "maxRetryAttempts",
            where,
            0,
            185,
            Subscriber.RetryPolicy.DEFAULT_MAX_RETRY_ATTEMPTS),
        Duration.ofSeconds(
            number(
                node,
                "maxEventAgeInSeconds",
                where,
                60,
                86_400,
                Subscriber.RetryPolicy.DEFAULT_MAX_EVENT_AGE_SECONDS)));
  }

  /** A whole number within the model's range, or the model's default when absent. */
  private int number(JsonNode node, String field, String where, int min, int max, int otherwise) {
    String text = node.isMissingNode() ? null : optionalText(node, field, where);
    if (text == null) {
      return otherwise;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // Answered below, as an out-of-range value is.
    }
    throw new InvalidRulesException(
        where + ": '" + field + "' must be a whole number from " + min + " to " + max);
  }

  private <E extends Enum<E>> E choice(
      JsonNode node, String field, String where, Class<E> type, E otherwise) {
    String text = node.isMissingNode() ? null : optionalText(node, field, where);
    if (text == null) {
      return otherwise;
    }
    try {
      return Enum.valueOf(type, text.strip());
    } catch (IllegalArgumentException unknown) {
      throw new InvalidRulesException(
          where
              + ": '"
              + field
              + "' must be one of "
              + EnumSet.allOf(type)
              + (type == Subscriber.Transformer.class ? " (the local bus has no JSONATA)" : ""));
    }
  }

  private RuleTarget target(JsonNode node, String where) {
    String url = text(node, "url", where);
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new InvalidRulesException(where + ": 'url' is not a valid URL");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new InvalidRulesException(where + ": 'url' must be an http or https URL");
    }
    return new RuleTarget(uri, auth(node.get("auth"), where));
  }

  private TargetAuth auth(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return new TargetAuth.None();
    }
    JsonNode basic = node.get("basic");
    JsonNode apiKey = node.get("apiKey");
    if (basic != null && apiKey != null) {
      throw new InvalidRulesException(where + ": 'auth' takes either 'basic' or 'apiKey'");
    }
    if (basic != null) {
      return new TargetAuth.Basic(
          text(basic, "username", where + " auth.basic"),
          text(basic, "password", where + " auth.basic"));
    }
    if (apiKey != null) {
      return new TargetAuth.ApiKey(
          text(apiKey, "header", where + " auth.apiKey"),
          text(apiKey, "value", where + " auth.apiKey"));
    }
    throw new InvalidRulesException(where + ": 'auth' needs 'basic' or 'apiKey'");
  }

  private String text(JsonNode node, String field, String where) {
    String value = optionalText(node, field, where);
    if (value == null || value.isBlank()) {
      throw new InvalidRulesException(where + ": '" + field + "' is required");
    }
    return value;
  }

  private String optionalText(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw new InvalidRulesException(where + ": '" + field + "' must be a text");
    }
    try {
      return resolver.apply(value.asText());
    } catch (IllegalArgumentException e) {
      // Spring's message names the missing placeholder, not any resolved value.
      throw new InvalidRulesException(where + ": '" + field + "': " + e.getMessage());
    }
  }
}
