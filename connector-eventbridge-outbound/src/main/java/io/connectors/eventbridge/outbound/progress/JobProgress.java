package io.connectors.eventbridge.outbound.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What earlier attempts of a job put, from the moment an attempt starts to the moment it ends: read
 * from the job's variables, kept in this runtime, and written for the next attempt.
 *
 * <p>Between runtimes the job itself carries it. The connector fails a job with a {@code
 * ConnectorException} whose error variables include {@value #PROGRESS}. The 8.8 connector runtime
 * fails the job with the variable {@code error} = {@code {code, message, type, variables}}; Zeebe
 * sets variables of a FailJob command on the task's own (local) scope, so the next attempt of that
 * job sees them and nothing outside the task does. The progress names the element instance it
 * belongs to: an {@code error} variable from anywhere else (a process variable of that name, an
 * earlier run of the task in a loop) is ignored.
 *
 * <p>This runtime also keeps what failed attempts put, by element instance, for a retry that lands
 * here even when the job's variables do not carry it: an error expression that raises {@code
 * jobError} without the progress, or a gateway that drops FailJob variables (the in-memory engine
 * of zeebe-process-test does). Bounded and expiring: a retry later than {@link #TTL} (an incident
 * resolved the next day) relies on the job variables alone.
 */
public final class JobProgress {

  /** The job variable the runtime writes on failure; the connector must fetch it. */
  public static final String JOB_VARIABLE = "error";

  /** The error variable that holds the progress. */
  public static final String PROGRESS = "progress";

  static final int MAX_TASKS = 10_000;
  static final Duration TTL = Duration.ofHours(1);

  private record Kept(PriorProgress progress, long expiresAtNanos) {}

  private final ObjectMapper json;
  private final LongSupplier nanoClock;
  private final LinkedHashMap<Long, Kept> kept =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Kept> eldest) {
          return size() > MAX_TASKS;
        }
      };

  public JobProgress(ObjectMapper json, LongSupplier nanoClock) {
    this.json = json;
    this.nanoClock = nanoClock;
  }

  /**
   * @param variablesJson the job's variables as the runtime hands them over
   * @return the progress of earlier attempts of this element instance: from the job's variables,
   *     else from this runtime; none when absent, foreign or unreadable (then everything is sent,
   *     as without this mechanism)
   */
  public JobAttempt read(long elementInstanceKey, String variablesJson) {
    if (elementInstanceKey == 0) {
      return new JobAttempt(elementInstanceKey, PriorProgress.NONE);
    }
    PriorProgress carried = fromVariables(elementInstanceKey, variablesJson);
    return new JobAttempt(
        elementInstanceKey,
        carried.accepted().isEmpty() ? keptOr(elementInstanceKey, carried) : carried);
  }

  /**
   * A failed attempt: keeps what it put in this runtime and returns the error variable that hands
   * it to the next attempt.
   */
  public Map<String, Object> failed(JobAttempt attempt, PriorProgress progress) {
    if (attempt.elementInstanceKey() != 0) {
      synchronized (kept) {
        kept.put(
            attempt.elementInstanceKey(),
            new Kept(progress, nanoClock.getAsLong() + TTL.toNanos()));
      }
    }
    Map<String, Object> variable = new LinkedHashMap<>();
    variable.put("elementInstanceKey", attempt.elementInstanceKey());
    variable.put("accepted", progress.accepted());
    return variable;
  }

  /** A successful attempt: nothing of this job needs keeping any more. */
  public void succeeded(JobAttempt attempt) {
    synchronized (kept) {
      kept.remove(attempt.elementInstanceKey());
    }
  }

  private PriorProgress keptOr(long elementInstanceKey, PriorProgress carried) {
    synchronized (kept) {
      Kept entry = kept.get(elementInstanceKey);
      if (entry == null || nanoClock.getAsLong() - entry.expiresAtNanos() >= 0) {
        kept.remove(elementInstanceKey);
        return carried;
      }
      return entry.progress();
    }
  }

  private PriorProgress fromVariables(long elementInstanceKey, String variablesJson) {
    if (variablesJson == null || variablesJson.isBlank()) {
      return PriorProgress.NONE;
    }
    try {
      JsonNode errorVariables = json.readTree(variablesJson).path(JOB_VARIABLE).path("variables");
      JsonNode progress = errorVariables.path(PROGRESS);
      if (progress.path("elementInstanceKey").asLong() != elementInstanceKey) {
        return PriorProgress.NONE;
      }
      List<AcceptedEvent> accepted = new ArrayList<>();
      for (JsonNode event : progress.path("accepted")) {
        if (event.path("index").isInt()
            && event.path("eventId").isTextual()
            && event.path("hash").isTextual()) {
          // Both optional: progress written before they were kept has neither.
          accepted.add(
              new AcceptedEvent(
                  event.get("index").asInt(),
                  event.get("eventId").asText(),
                  event.get("hash").asText(),
                  textOrNull(event.path("sequenceNumber")),
                  textOrNull(event.path("successCode"))));
        }
      }
      List<String> requestIds = new ArrayList<>();
      errorVariables.path("requestIds").forEach(id -> requestIds.add(id.asText()));
      return new PriorProgress(accepted, requestIds);
    } catch (JsonProcessingException unreadable) {
      return PriorProgress.NONE;
    }
  }

  private static String textOrNull(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }
}
