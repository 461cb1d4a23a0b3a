package io.connectors.eventbridge.runtime.local.bus.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
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

  public List<BusRule> parse(String content) {
    JsonNode root;
    try {
      root = YAML.readTree(content);
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      throw new InvalidRulesException(
          "not valid YAML or JSON" + (location == null ? "" : " at line " + location.getLineNr()));
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return List.of();
    }
    JsonNode rules = root.path("rules");
    if (rules.isMissingNode() || rules.isNull()) {
      return List.of();
    }
    if (!rules.isArray()) {
      throw new InvalidRulesException("'rules' must be a list");
    }
    var parsed = new ArrayList<BusRule>();
    int index = 0;
    for (JsonNode rule : rules) {
      parsed.add(rule(rule, ++index));
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
    JsonNode pattern = node.get("eventPattern");
    if (pattern == null || pattern.isNull()) {
      throw new InvalidRulesException(where + ": 'eventPattern' is required");
    }
    String patternJson;
    try {
      patternJson = pattern.isTextual() ? pattern.textValue() : JSON.writeValueAsString(pattern);
    } catch (JsonProcessingException e) {
      throw new InvalidRulesException(where + ": 'eventPattern' cannot be written as JSON");
    }
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
