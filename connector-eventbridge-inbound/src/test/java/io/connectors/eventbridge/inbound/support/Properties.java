package io.connectors.eventbridge.inbound.support;

import java.util.HashMap;
import java.util.Map;

/**
 * Element properties as the runtime hands them to {@code bindProperties}: string values, nested
 * along the dots of their template bindings ({@code inbound.auth.type} and so on).
 */
public final class Properties {

  private final Map<String, Object> inbound = new HashMap<>();
  private final Map<String, Object> root = new HashMap<>();

  private Properties() {
    root.put("inbound", inbound);
    inbound.put("type", "io.connectors.eventbridge:webhook:1");
    inbound.put("context", "orders");
    inbound.put("method", "post");
  }

  public static Properties webhook() {
    return new Properties();
  }

  public Properties set(String dottedPathUnderInbound, String value) {
    Map<String, Object> node = inbound;
    var parts = dottedPathUnderInbound.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      @SuppressWarnings("unchecked")
      var child =
          (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new HashMap<String, Object>());
      node = child;
    }
    node.put(parts[parts.length - 1], value);
    return this;
  }

  public Properties consumeUnmatched() {
    return consumeUnmatched("true");
  }

  /** As Modeler writes the checkbox: {@code =true}, or plain {@code true} in hand-written XML. */
  public Properties consumeUnmatched(String written) {
    root.put("consumeUnmatchedEvents", written);
    return this;
  }

  public Map<String, Object> build() {
    return root;
  }
}
