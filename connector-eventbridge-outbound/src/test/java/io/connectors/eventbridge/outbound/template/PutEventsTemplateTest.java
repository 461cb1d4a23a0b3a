package io.connectors.eventbridge.outbound.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.eventbridge.outbound.model.Defaults;
import io.connectors.eventbridge.outbound.model.EventBus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Put events templates the build generated into {@code element-templates/} (at process-classes,
 * before the tests) offer the bus kind with the classic bus as the default, so a diagram made
 * before the choice existed keeps its meaning, and show the Custom Event Bus's fields only for that
 * kind.
 */
class PutEventsTemplateTest {

  private static final Path TEMPLATES = Path.of("..", "element-templates");
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "eventbridge-put-events-outbound.json",
        "hybrid/eventbridge-put-events-outbound-hybrid.json"
      })
  void theBusKindDefaultsToClassicAndTheCustomBusFieldsShowOnlyForTheirKind(String file)
      throws IOException {
    JsonNode template = JSON.readTree(Files.readString(TEMPLATES.resolve(file)));

    JsonNode kind = property(template, "bus.kind");
    assertThat(kind.path("value").asText()).isEqualTo(Defaults.BUS_KIND).isEqualTo("classic");
    assertThat(kind.path("choices").findValuesAsText("value"))
        .containsExactly(EventBus.CLASSIC, EventBus.CUSTOM_EVENT_BUS);
    for (String id :
        List.of(
            "bus.eventBusArn", "bus.eventGroupId", "bus.deduplication", "bus.deduplicationId")) {
      assertThat(conditions(property(template, id)))
          .as(id)
          .contains("bus.kind=" + EventBus.CUSTOM_EVENT_BUS);
    }
    assertThat(property(template, "bus.deduplication").path("value").asText())
        .isEqualTo(Defaults.DEDUPLICATION);
    assertThat(conditions(property(template, "bus.deduplicationId")))
        .contains("bus.deduplication=" + EventBus.DEDUPLICATE_BY_GIVEN_ID);
    // The classic template's own properties are still there, unconditioned by the bus kind.
    for (String id :
        List.of("event.mode", "event.eventBusName", "event.source", "configuration.region")) {
      assertThat(conditions(property(template, id))).as(id).noneMatch(c -> c.startsWith("bus."));
    }
  }

  private static List<String> conditions(JsonNode property) {
    JsonNode condition = property.path("condition");
    List<String> all = new ArrayList<>();
    Iterable<JsonNode> simples =
        condition.has("allMatch") ? condition.get("allMatch") : List.of(condition);
    for (JsonNode simple : simples) {
      if (simple.has("property")) {
        all.add(simple.get("property").asText() + "=" + simple.path("equals").asText());
      }
    }
    return all;
  }

  private static JsonNode property(JsonNode template, String id) {
    for (JsonNode property : template.get("properties")) {
      if (id.equals(property.path("id").asText())) {
        return property;
      }
    }
    throw new AssertionError("no property " + id);
  }
}
