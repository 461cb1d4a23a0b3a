package io.connectors.eventbridge.runtime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;

/**
 * Every templated element in bpmn-examples/ must match a committed element template: same id and
 * version, and only bindings the template knows. This keeps the examples honest when a connector's
 * model (and so its generated template) changes.
 */
class ExamplesMatchTemplatesTest {

  private static final Path ROOT = repositoryRoot();
  private static final String ZEEBE_NS = "http://camunda.org/schema/zeebe/1.0";

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("element-templates"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "element-templates/ not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  private static Map<String, JsonNode> templatesById() throws IOException {
    Map<String, JsonNode> templates = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(ROOT.resolve("element-templates"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        JsonNode template = json.readTree(file.toFile());
        templates.put(template.get("id").asText(), template);
      }
    }
    return templates;
  }

  private static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT.resolve("bpmn-examples"))) {
      return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
    }
  }

  private static boolean isInside(ModelElementInstance node, BaseElement element) {
    for (ModelElementInstance parent = node.getParentElement();
        parent != null;
        parent = parent.getParentElement()) {
      if (parent == element) {
        return true;
      }
    }
    return false;
  }

  @Test
  void everyTemplatedElementUsesOnlyBindingsOfItsTemplate() throws IOException {
    Map<String, JsonNode> templates = templatesById();
    List<Path> examples = examples();
    assertThat(examples).isNotEmpty();
    int checked = 0;

    for (Path example : examples) {
      BpmnModelInstance model = Bpmn.readModelFromFile(example.toFile());
      for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
        String templateId = element.getAttributeValueNs(ZEEBE_NS, "modelerTemplate");
        if (templateId == null) {
          continue;
        }
        String where = example.getFileName() + "#" + element.getId();
        JsonNode template = templates.get(templateId);
        assertThat(template)
            .as("%s uses template %s, which is not in element-templates/", where, templateId)
            .isNotNull();
        assertThat(element.getAttributeValueNs(ZEEBE_NS, "modelerTemplateVersion"))
            .as("%s template version", where)
            .isEqualTo(template.get("version").asText());

        Set<String> bindings = new HashSet<>();
        template
            .get("properties")
            .forEach(
                p -> {
                  JsonNode binding = p.get("binding");
                  for (String key : List.of("name", "key")) {
                    if (binding.has(key)) {
                      bindings.add(binding.get("type").asText() + ":" + binding.get(key).asText());
                    }
                  }
                });
        for (ZeebeInput input : model.getModelElementsByType(ZeebeInput.class)) {
          if (isInside(input, element)) {
            assertThat(bindings)
                .as("%s input %s", where, input.getTarget())
                .contains("zeebe:input:" + input.getTarget());
          }
        }
        for (ZeebeProperty property : model.getModelElementsByType(ZeebeProperty.class)) {
          if (isInside(property, element)) {
            assertThat(bindings)
                .as("%s property %s", where, property.getName())
                .contains("zeebe:property:" + property.getName());
          }
        }
        for (ZeebeHeader header : model.getModelElementsByType(ZeebeHeader.class)) {
          if (isInside(header, element)) {
            assertThat(bindings)
                .as("%s header %s", where, header.getKey())
                .contains("zeebe:taskHeader:" + header.getKey());
          }
        }
        checked++;
      }
    }
    assertThat(checked).as("templated elements checked").isPositive();
  }
}
