package io.connectors.eventbridge.outbound.custombus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.eventbridge.testsupport.BotocoreVenv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * botocore 1.43.107 as the reference for the Custom Event Bus wire format: runs {@code
 * tools/custombus-wire/botocore_oracle.py} in the {@link BotocoreVenv}.
 */
final class Botocore {

  static final ObjectMapper JSON = new ObjectMapper();

  private static final BotocoreVenv VENV =
      new BotocoreVenv(Path.of(".."), Path.of("target", "botocore-venv"));

  private Botocore() {}

  static ObjectNode command(String op) {
    return JSON.createObjectNode().put("op", op);
  }

  /** Runs the commands in one interpreter; one answer per command, in order. */
  static List<JsonNode> run(List<ObjectNode> commands) {
    ArrayNode input = JSON.createArrayNode().addAll(commands);
    String output = VENV.runPython(VENV.tools().resolve("botocore_oracle.py"), input.toString());
    try {
      List<JsonNode> answers = new ArrayList<>();
      JSON.readTree(output).forEach(answers::add);
      return answers;
    } catch (IOException e) {
      throw new AssertionError("botocore_oracle.py printed no JSON: " + output, e);
    }
  }

  static JsonNode run(ObjectNode command) {
    return run(List.of(command)).get(0);
  }
}
