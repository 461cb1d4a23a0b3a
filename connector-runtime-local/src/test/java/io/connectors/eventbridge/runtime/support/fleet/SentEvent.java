package io.connectors.eventbridge.runtime.support.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One EventBridge event the sender delivers: its attempts and its final result. */
public final class SentEvent {

  /** Where an event ended. */
  public enum Result {
    PENDING,
    /** Answered 2xx. */
    DELIVERED,
    /** Answered a status EventBridge does not retry (a 4xx other than 429): given up at once. */
    DROPPED,
    /** Still failing when its attempts or its maximum age ran out: given up. */
    EXPIRED
  }

  private final String id;
  private final long dueNanos;
  private final String body;
  private final List<Attempt> attempts = new ArrayList<>();
  private final CompletableFuture<Result> done = new CompletableFuture<>();

  SentEvent(String id, long dueNanos, String body) {
    this.id = id;
    this.dueNanos = dueNanos;
    this.body = body;
  }

  public String id() {
    return id;
  }

  /** When the open loop meant to send it; latencies count from here. */
  public long dueNanos() {
    return dueNanos;
  }

  String body() {
    return body;
  }

  public synchronized List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  synchronized int record(Attempt attempt) {
    attempts.add(attempt);
    return attempts.size();
  }

  synchronized int attemptCount() {
    return attempts.size();
  }

  void finish(Result result) {
    done.complete(result);
  }

  CompletableFuture<Result> done() {
    return done;
  }

  public Result result() {
    return done.getNow(Result.PENDING);
  }
}
