package io.connectors.eventbridge.runtime.local;

import io.camunda.connector.api.secret.SecretContext;
import io.camunda.connector.api.secret.SecretProvider;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.env.PropertyResolver;

/**
 * Connector secrets ({@code {{secrets.NAME}}}) for local mode, from {@code
 * eventbridge.local.secrets.NAME}, so that the examples run with one command and no exported
 * environment variables. The runtime's environment-variable provider still applies, and is asked as
 * well.
 *
 * <p>Names are compared ignoring case and separators: Spring's relaxed binding turns {@code
 * ORDERS_WEBHOOK_API_KEY} in one source into {@code orders-webhook-api-key} in another. Values are
 * resolved when asked for, so that they may use {@code ${local.server.port}}, which exists only
 * once the web server listens.
 */
final class LocalSecretProvider implements SecretProvider {

  private final Map<String, String> secrets = new HashMap<>();
  private final PropertyResolver placeholders;

  LocalSecretProvider(Map<String, String> configured, PropertyResolver placeholders) {
    configured.forEach((name, value) -> secrets.put(canonical(name), value));
    this.placeholders = placeholders;
  }

  @Override
  public String getSecret(String name, SecretContext context) {
    String value = secrets.get(canonical(name));
    return value == null ? null : placeholders.resolvePlaceholders(value);
  }

  private static String canonical(String name) {
    return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "LocalSecretProvider[" + secrets.size() + " secret(s)]";
  }
}
