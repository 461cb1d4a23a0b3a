package io.connectors.eventbridge.runtime.modeler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What tools/modeler-check wrote: per template and element kind (and per variant: some dropdowns
 * chosen first), the BPMN that Modeler's own template engine exported after a user applied the
 * template and typed the required fields, and what Modeler's properties panel and linter reported.
 */
record ModelerCheckReport(Path directory, JsonNode root) {

  /** Written by the build (exec execution "modeler-check" in this module's pom). */
  static final Path DIRECTORY = Path.of("target", "modeler-check");

  static ModelerCheckReport read() {
    Path file = DIRECTORY.resolve("report.json");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          file.toAbsolutePath()
              + " is missing: the build writes it with tools/modeler-check/run.sh before the tests"
              + " (skipped only with -Dmodeler-check.skip)");
    }
    try {
      return new ModelerCheckReport(DIRECTORY, new ObjectMapper().readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<AppliedTemplate> cases() {
    var cases = new ArrayList<AppliedTemplate>();
    root.path("cases").forEach(node -> cases.add(new AppliedTemplate(directory, node)));
    return cases;
  }

  List<JsonNode> examples() {
    var examples = new ArrayList<JsonNode>();
    root.path("examples").forEach(examples::add);
    return examples;
  }

  /** One template applied to one fresh element in Modeler. */
  record AppliedTemplate(Path directory, JsonNode node) {

    String name() {
      return node.path("case").asText();
    }

    String processId() {
      return node.path("processId").asText();
    }

    Path bpmnFile() {
      return directory.resolve(node.path("bpmnFile").asText());
    }

    String elementType() {
      return node.path("elementType").asText();
    }

    boolean messageEvent() {
      return "bpmn:MessageEventDefinition".equals(node.path("eventDefinition").asText());
    }

    /** Hybrid templates carry the generator's "Hybrid " prefix in their names. */
    boolean hybrid() {
      return node.path("templateFile").asText().startsWith("hybrid/");
    }

    /** Header texts the properties panel cuts off at Desktop Modeler's default width. */
    List<String> headerCutOff() {
      var cut = new ArrayList<String>();
      node.path("headerCutOff").forEach(text -> cut.add(text.asText()));
      return cut;
    }

    /** The variant of fill-values.json this case chose, or empty for the template's defaults. */
    Optional<String> variant() {
      return Optional.ofNullable(node.path("variant").textValue());
    }

    /** What the harness typed into the property's field, or null. */
    String typed(String propertyId) {
      return node.path("typed").path(propertyId).asText(null);
    }

    String webhookId() {
      return typed("inbound.context");
    }

    /** Everything Modeler flagged, and anything the harness could not do, as readable lines. */
    List<String> problems() {
      var problems = new ArrayList<String>();
      node.path("harnessErrors").forEach(e -> problems.add("harness: " + e.asText()));
      node.path("panelErrors")
          .forEach(
              e ->
                  problems.add(
                      "panel: " + e.path("entry").asText() + ": " + e.path("message").asText()));
      node.path("lintErrors")
          .forEach(
              e ->
                  problems.add(
                      "lint " + e.path("rule").asText() + ": " + e.path("message").asText()));
      return problems;
    }

    @Override
    public String toString() {
      return name();
    }
  }
}
