package io.connectors.eventbridge.outbound.send;

import io.camunda.connector.api.error.ConnectorException;
import io.camunda.connector.api.error.ConnectorExceptionBuilder;
import io.connectors.eventbridge.outbound.progress.JobProgress;
import io.connectors.eventbridge.outbound.result.EntryResult;
import io.connectors.eventbridge.outbound.result.PutEventsResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a job attempt that did not put every event to a {@link ConnectorException} with a stable
 * code, a message and the same error variables whatever went wrong. Messages carry AWS's error
 * codes and (quoted) messages and the entry paths, never credentials or event payloads.
 */
final class FailureTranslator {

  private static final int MAX_LISTED_FAILURES = 20;

  private FailureTranslator() {}

  /**
   * @param progress the error variable that carries what this job put to its next attempt
   */
  static ConnectorException failed(TaskOutcome outcome, Map<String, Object> progress) {
    List<EntryResult> rejected =
        outcome.results().stream().filter(r -> r.failed() && !isNotSent(r)).toList();
    String code;
    String headline;
    switch (outcome.stop()) {
      case Stop.Finished finished -> {
        code = codeForEntries(rejected.stream().map(EntryResult::errorCode).toList());
        headline =
            "EventBridge rejected "
                + rejected.size()
                + " of "
                + outcome.results().size()
                + " events";
      }
      case Stop.RequestFailed failed -> {
        RequestFailures.Failure failure = RequestFailures.classify(failed.cause());
        code = failure.code();
        headline = failure.reason();
      }
      case Stop.OutOfTime outOfTime -> {
        code = ErrorCodes.DEADLINE_REACHED;
        headline =
            "The task's time budget of "
                + outOfTime.budget().toSeconds()
                + " s ran out before every event was put";
      }
    }

    StringBuilder message = new StringBuilder(headline);
    List<String> listed = listRejected(outcome);
    if (!listed.isEmpty()) {
      int more = rejected.size() - listed.size();
      message
          .append(outcome.stop() instanceof Stop.Finished ? ": " : ". Rejected: ")
          .append(String.join("; ", listed))
          .append(more > 0 ? "; and " + more + " more" : "");
    }
    message.append(". ").append(summary(outcome));

    var builder =
        new ConnectorExceptionBuilder()
            .errorCode(code)
            .message(message.toString())
            .errorVariables(variables(outcome, progress));
    if (outcome.stop() instanceof Stop.RequestFailed failed) {
      builder.cause(failed.cause());
    }
    return builder.build();
  }

  /** The same keys for every failure, so an error expression or a retry can rely on them. */
  private static Map<String, Object> variables(TaskOutcome outcome, Map<String, Object> progress) {
    PutEventsResult asResult = PutEventsResult.of(outcome.results(), outcome.requestIds());
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("failedEntryCount", outcome.failedCount());
    variables.put("putEntryCount", outcome.putCount());
    variables.put("entries", outcome.results());
    variables.put("eventIds", asResult.eventIds());
    variables.put("requestIds", outcome.requestIds());
    variables.put(JobProgress.PROGRESS, progress);
    return variables;
  }

  private static String summary(TaskOutcome outcome) {
    int total = outcome.results().size();
    StringBuilder summary =
        new StringBuilder()
            .append(outcome.putCount())
            .append(" of ")
            .append(total)
            .append(" events were put");
    if (outcome.putByEarlierAttempts() > 0) {
      summary
          .append(" (")
          .append(outcome.putByEarlierAttempts())
          .append(" by earlier attempts of this job)");
    }
    return summary
        .append("; a retry of this job sends only the ")
        .append(outcome.failedCount())
        .append(" not put.")
        .toString();
  }

  private static List<String> listRejected(TaskOutcome outcome) {
    List<String> listed = new ArrayList<>();
    for (int i = 0; i < outcome.results().size() && listed.size() < MAX_LISTED_FAILURES; i++) {
      EntryResult entry = outcome.results().get(i);
      if (entry.failed() && !isNotSent(entry)) {
        listed.add(
            outcome.entries().get(i).path()
                + ": "
                + entry.errorCode()
                + " "
                + RequestFailures.quote(entry.errorMessage()));
      }
    }
    return listed;
  }

  private static boolean isNotSent(EntryResult entry) {
    return EntryResult.NOT_SENT.equals(entry.errorCode());
  }

  private static String codeForEntries(List<String> codes) {
    if (codes.stream().allMatch(ErrorCodes.RETRYABLE_ENTRY_CODES::contains)) {
      return ErrorCodes.THROTTLED;
    }
    if (codes.stream().allMatch(ErrorCodes.ACCESS_DENIED_ENTRY_CODES::contains)) {
      return ErrorCodes.ACCESS_DENIED;
    }
    if (codes.stream().allMatch(ErrorCodes.NOT_FOUND_CODES::contains)) {
      return ErrorCodes.BUS_NOT_FOUND;
    }
    return ErrorCodes.PARTIAL_FAILURE;
  }
}
