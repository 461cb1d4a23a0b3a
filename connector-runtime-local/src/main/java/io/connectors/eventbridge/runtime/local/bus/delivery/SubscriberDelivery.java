package io.connectors.eventbridge.runtime.local.bus.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectors.eventbridge.runtime.local.bus.rules.Subscriber;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers Custom Event Bus events to subscribers through the classic targets' dispatcher, with
 * each subscriber's retry policy and ordering. A FIFO subscriber hands an event group's next event
 * to the dispatcher only once the previous one is delivered or given up, so a failing event holds
 * up its own group and no other, as <a
 * href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-ordering.html">Ordering
 * and deduplicating events on a Custom Event Bus</a> describes.
 */
public final class SubscriberDelivery {

  private final ApiDestinationDispatcher dispatcher;
  private final DeliveryRetryPolicy backoff;

  /** Groups with an event in the dispatcher, and what waits behind it. Guarded by "this". */
  private final Map<GroupKey, Deque<Runnable>> busyGroups = new HashMap<>();

  private record GroupKey(String bus, String subscriber, String eventGroupId) {}

  /**
   * @param backoff the waits between attempts; its attempt count is replaced by each subscriber's
   */
  public SubscriberDelivery(ApiDestinationDispatcher dispatcher, DeliveryRetryPolicy backoff) {
    this.dispatcher = dispatcher;
    this.backoff = backoff;
  }

  /**
   * Delivers {@code body} (the transformed event) to the subscriber's target.
   *
   * @param eventGroupId the event's group, or null (no order to keep)
   * @param ingestionTime when the bus accepted the event; the maximum event age counts from it
   */
  public void deliver(
      Subscriber subscriber,
      String eventId,
      String eventGroupId,
      Instant ingestionTime,
      byte[] body,
      JsonNode event) {
    DeliveryPlan plan =
        new DeliveryPlan(
            new DeliveryRetryPolicy(
                1 + subscriber.retryPolicy().maxRetryAttempts(),
                backoff.initialBackoff(),
                backoff.maxBackoff()),
            subscriber.invocationTimeout(),
            DeliveryPlan.RetriedFailures.ALL,
            Optional.of(ingestionTime.plus(subscriber.retryPolicy().maxEventAge())));
    String origin = "subscriber " + subscriber.name();
    if (subscriber.ordering() == Subscriber.Ordering.UNORDERED || eventGroupId == null) {
      dispatcher.dispatch(plan, origin, subscriber.target(), eventId, body, event, () -> {});
      return;
    }
    var group = new GroupKey(subscriber.eventBusName(), subscriber.name(), eventGroupId);
    Runnable send =
        () ->
            dispatcher.dispatch(
                plan, origin, subscriber.target(), eventId, body, event, () -> next(group));
    synchronized (this) {
      Deque<Runnable> waiting = busyGroups.get(group);
      if (waiting != null) {
        waiting.addLast(send);
        return;
      }
      busyGroups.put(group, new ArrayDeque<>());
    }
    send.run();
  }

  private void next(GroupKey group) {
    Runnable send;
    synchronized (this) {
      Deque<Runnable> waiting = busyGroups.get(group);
      send = waiting.pollFirst();
      if (send == null) {
        busyGroups.remove(group);
        return;
      }
    }
    send.run();
  }
}
