package io.connectors.eventbridge.runtime.local.bus.custombus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.eventbridge.testsupport.BotocoreVenv;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * boto3 1.43.107 (botocore with the Custom Event Bus model) as a caller of the local bus, and
 * botocore's own wire code as the reference the bus's reader and writer are compared with.
 */
final class Boto3 {

  static final ObjectMapper JSON = new ObjectMapper();

  private static final BotocoreVenv VENV =
      new BotocoreVenv(Path.of(".."), Path.of("target", "botocore-venv"));

  private Boto3() {}

  /**
   * Calls {@code put_events} once per element of {@code calls} (its keyword arguments) with boto3's
   * {@code eventbridgev2} client on {@code endpointUrl}; one answer per call.
   */
  static List<JsonNode> putEvents(URI endpointUrl, List<ObjectNode> calls) {
    ObjectNode request = JSON.createObjectNode().put("endpoint_url", endpointUrl.toString());
    request.putArray("calls").addAll(calls);
    return answers(
        VENV.runPython(
            Path.of("src/test/resources/custombus/boto3_put_events.py").toAbsolutePath(),
            request.toString()));
  }

  /** Runs commands of {@code tools/custombus-wire/botocore_oracle.py} in one interpreter. */
  static List<JsonNode> oracle(List<ObjectNode> commands) {
    ArrayNode input = JSON.createArrayNode().addAll(commands);
    return answers(VENV.runPython(VENV.tools().resolve("botocore_oracle.py"), input.toString()));
  }

  private static List<JsonNode> answers(String output) {
    try {
      List<JsonNode> answers = new ArrayList<>();
      JSON.readTree(output).forEach(answers::add);
      return answers;
    } catch (IOException e) {
      throw new AssertionError("the Python script printed no JSON: " + output, e);
    }
  }
}
