package io.connectors.eventbridge.inbound.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.eventbridge.inbound.model.Defaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The templates the build generated into {@code element-templates/} (at process-classes, before the
 * tests) expose what the runtime evaluates, for every element type.
 */
class GeneratedTemplatesTest {

  private static final Path TEMPLATES = Path.of("..", "element-templates");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<String> templates() {
    return Stream.of(
        "eventbridge-webhook-start-event.json",
        "eventbridge-webhook-message-start-event.json",
        "eventbridge-webhook-intermediate-catch-event.json",
        "eventbridge-webhook-boundary-event.json",
        "eventbridge-webhook-receive-task.json",
        "hybrid/eventbridge-webhook-start-event-hybrid.json",
        "hybrid/eventbridge-webhook-message-start-event-hybrid.json",
        "hybrid/eventbridge-webhook-intermediate-catch-event-hybrid.json",
        "hybrid/eventbridge-webhook-boundary-event-hybrid.json",
        "hybrid/eventbridge-webhook-receive-task-hybrid.json");
  }

  @ParameterizedTest
  @MethodSource("templates")
  void exposesTheRuntimePropertiesAndOurOwn(String file) throws IOException {
    var template = JSON.readTree(Files.readString(TEMPLATES.resolve(file)));
    var bindings = bindings(template);

    assertThat(bindings)
        .contains(
            "inbound.type",
            "inbound.context",
            "inbound.method",
            "inbound.maxBodyBytes",
            "inbound.auth.type",
            "inbound.signature.type",
            "inbound.filter.eventPattern",
            "inbound.decryption.type",
            "inbound.decryption.key",
            "inbound.decryption.commitmentPolicy",
            "inbound.delivery.format.type",
            "inbound.delivery.replays",
            "activationCondition",
            "consumeUnmatchedEvents",
            "resultVariable",
            "resultExpression",
            "deduplicationMode");
    if (!file.contains("-start-event") || file.contains("message-start")) {
      assertThat(bindings)
          .contains("correlationKeyExpression", "messageIdExpression", "messageTtl");
    }
    if (!file.contains("message-start") && !file.contains("-start-event")) {
      assertThat(bindings).contains("correlationKey");
    }
    // Unmatched events are rejected (422) unless the user opts in.
    assertThat(property(template, "consumeUnmatchedEvents").get("value").asBoolean()).isFalse();
    // New properties default to what a diagram without them does.
    assertThat(property(template, "inbound.delivery.format.deliveryFormat").get("value").asText())
        .isEqualTo(Defaults.DELIVERY_FORMAT);
    assertThat(property(template, "inbound.delivery.replays").get("value").asText())
        .isEqualTo(Defaults.REPLAY_HANDLING);
  }

  private static Set<String> bindings(JsonNode template) {
    var names = new HashSet<String>();
    template.get("properties").forEach(p -> names.add(p.get("binding").path("name").asText()));
    return names;
  }

  private static JsonNode property(JsonNode template, String id) {
    for (var property : template.get("properties")) {
      if (id.equals(property.path("id").asText())) {
        return property;
      }
    }
    throw new AssertionError("no property " + id);
  }
}
