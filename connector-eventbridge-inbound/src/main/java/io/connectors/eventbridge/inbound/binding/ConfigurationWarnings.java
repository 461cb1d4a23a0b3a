package io.connectors.eventbridge.inbound.binding;

import io.camunda.connector.api.inbound.InboundConnectorContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells operators, once per cause, that a setting of a webhook failed while a request was handled:
 * an API-key locator or role expression that throws, a pattern the matcher cannot apply, a
 * decryption that fails. The caller only sees a 401, 403 or 422, which looks like its own fault;
 * without this line a broken setting would be invisible.
 *
 * <p>Logged at WARN with the webhook, its elements and the field, and the cause as a type or one of
 * our fixed reasons: never an exception message, which can carry the evaluated context (payload,
 * headers, decrypted secrets). Once per field and cause, so a flood of requests is one line.
 */
public final class ConfigurationWarnings {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigurationWarnings.class);

  /** Fields times causes are few; the bound only guards against a cause we did not foresee. */
  private static final int MAX_REPORTED = 256;

  /** For components built outside an activation (tests, benchmarks): reports nothing. */
  public static final ConfigurationWarnings SILENT = new ConfigurationWarnings(null, null);

  private final String webhookId;
  private final String elements;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  ConfigurationWarnings(String webhookId, String elements) {
    this.webhookId = webhookId;
    this.elements = elements;
  }

  public static ConfigurationWarnings of(String webhookId, InboundConnectorContext context) {
    String elements;
    try {
      elements =
          context.getDefinition().elements().stream()
              .map(element -> element.bpmnProcessId() + "/" + element.elementId())
              .collect(Collectors.joining(", "));
    } catch (RuntimeException noDefinition) {
      elements = "?";
    }
    return new ConfigurationWarnings(webhookId, elements);
  }

  public void report(String field, Throwable cause) {
    report(field, cause.getClass().getSimpleName());
  }

  /**
   * @param cause an exception type or one of our fixed reasons; never request data
   */
  public void report(String field, String cause) {
    if (webhookId == null
        || reported.size() >= MAX_REPORTED
        || !reported.add(field + '|' + cause)) {
      return;
    }
    LOG.warn(
        "Webhook '{}' ({}): setting {} failed while handling a request ({}); check the element."
            + " Logged once per cause.",
        webhookId,
        elements,
        field,
        cause);
  }

  /**
   * A setting the webhook could not use as given and replaced by a value it can, reported once at
   * activation. Such a setting does not fail activation when it was valid before the limit existed,
   * so that deployed diagrams keep working.
   *
   * @param adjustment one of our fixed sentences saying what was used instead; never request data
   */
  public void reportAdjusted(String field, String adjustment) {
    if (webhookId == null || !reported.add(field + "|adjusted")) {
      return;
    }
    LOG.warn(
        "Webhook '{}' ({}): setting {} {}; check the element.",
        webhookId,
        elements,
        field,
        adjustment);
  }

  /** The same expression, reporting its failures before passing them on unchanged. */
  public Function<Map<String, Object>, Object> watch(
      String field, Function<Map<String, Object>, Object> expression) {
    if (expression == null || webhookId == null) {
      return expression;
    }
    return variables -> {
      try {
        return expression.apply(variables);
      } catch (RuntimeException failed) {
        report(field, failed);
        throw failed;
      }
    };
  }
}
