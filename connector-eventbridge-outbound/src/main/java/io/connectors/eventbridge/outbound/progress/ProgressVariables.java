package io.connectors.eventbridge.outbound.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries what a job attempt put to the next attempt of the same job, through Zeebe itself.
 *
 * <p>The connector fails a job with a {@code ConnectorException} whose error variables include
 * {@value #PROGRESS}. The 8.8 connector runtime fails the job with the variable {@code error} =
 * {@code {code, message, type, variables}}; Zeebe sets variables of a FailJob command on the task's
 * own (local) scope, so the next attempt of that job sees them and nothing outside the task does.
 * The progress names the element instance it belongs to: an {@code error} variable from anywhere
 * else (a process variable of that name, an earlier run of the task in a loop) is ignored.
 */
public final class ProgressVariables {

  /** The job variable the runtime writes on failure; the connector must fetch it. */
  public static final String JOB_VARIABLE = "error";

  /** The error variable that holds the progress. */
  public static final String PROGRESS = "progress";

  private final ObjectMapper json;

  public ProgressVariables(ObjectMapper json) {
    this.json = json;
  }

  /** The error variable to hand to the next attempt. */
  public static Map<String, Object> write(long elementInstanceKey, List<AcceptedEvent> accepted) {
    Map<String, Object> progress = new LinkedHashMap<>();
    progress.put("elementInstanceKey", elementInstanceKey);
    progress.put("accepted", accepted);
    return progress;
  }

  /**
   * @param variablesJson the job's variables as the runtime hands them over
   * @return the progress of earlier attempts of this element instance; none when absent, foreign or
   *     unreadable (then everything is sent, as without this mechanism)
   */
  public JobAttempt read(long elementInstanceKey, String variablesJson) {
    if (variablesJson == null || variablesJson.isBlank() || elementInstanceKey == 0) {
      return new JobAttempt(elementInstanceKey, PriorProgress.NONE);
    }
    try {
      JsonNode errorVariables = json.readTree(variablesJson).path(JOB_VARIABLE).path("variables");
      JsonNode progress = errorVariables.path(PROGRESS);
      if (progress.path("elementInstanceKey").asLong() != elementInstanceKey) {
        return new JobAttempt(elementInstanceKey, PriorProgress.NONE);
      }
      List<AcceptedEvent> accepted = new ArrayList<>();
      for (JsonNode event : progress.path("accepted")) {
        if (event.path("index").isInt()
            && event.path("eventId").isTextual()
            && event.path("hash").isTextual()) {
          accepted.add(
              new AcceptedEvent(
                  event.get("index").asInt(),
                  event.get("eventId").asText(),
                  event.get("hash").asText()));
        }
      }
      List<String> requestIds = new ArrayList<>();
      errorVariables.path("requestIds").forEach(id -> requestIds.add(id.asText()));
      return new JobAttempt(elementInstanceKey, new PriorProgress(accepted, requestIds));
    } catch (JsonProcessingException unreadable) {
      return new JobAttempt(elementInstanceKey, PriorProgress.NONE);
    }
  }
}
