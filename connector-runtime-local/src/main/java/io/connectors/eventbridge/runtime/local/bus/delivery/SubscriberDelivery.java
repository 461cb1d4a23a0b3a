package io.connectors.eventbridge.runtime.local.bus.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectors.eventbridge.runtime.local.bus.rules.Subscriber;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

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
  private final int maxWaiting;

  /** Groups with an event in the dispatcher, and what waits behind it. Guarded by "this". */
  private final Map<GroupKey, Deque<Runnable>> busyGroups = new HashMap<>();

  /** Events waiting behind their group's, in all groups. Guarded by "this". */
  private int waiting;

  private record GroupKey(String bus, String subscriber, String eventGroupId) {}

  /**
   * @param backoff the waits between attempts; its attempt count is replaced by each subscriber's
   * @param maxWaiting events that may wait behind their group's event, in all groups together;
   *     beyond this an event is dead-lettered at once, so a target that stays down does not fill
   *     the memory (the dispatcher bounds what is in flight the same way)
   */
  public SubscriberDelivery(
      ApiDestinationDispatcher dispatcher, DeliveryRetryPolicy backoff, int maxWaiting) {
    this.dispatcher = dispatcher;
    this.backoff = backoff;
    this.maxWaiting = maxWaiting;
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
            DeliveryPlan.Retries.AS_SUBSCRIBER,
            ingestionTime.plus(subscriber.retryPolicy().maxEventAge()));
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
    switch (admit(group, send)) {
      case SEND_NOW -> send.run();
      case QUEUED -> {}
      case FULL -> dispatcher.refuseQueueFull(origin, subscriber.target(), eventId, event);
    }
  }

  /** What became of an event of a FIFO group. */
  private enum Admission {
    /** Its group was idle and is now its. */
    SEND_NOW,
    /** It waits behind its group's event. */
    QUEUED,
    /** Too many events wait already. */
    FULL
  }

  private synchronized Admission admit(GroupKey group, Runnable send) {
    Deque<Runnable> queue = busyGroups.get(group);
    if (queue == null) {
      busyGroups.put(group, new ArrayDeque<>());
      return Admission.SEND_NOW;
    }
    if (waiting >= maxWaiting) {
      return Admission.FULL;
    }
    queue.addLast(send);
    waiting++;
    return Admission.QUEUED;
  }

  private void next(GroupKey group) {
    Runnable send;
    synchronized (this) {
      send = busyGroups.get(group).pollFirst();
      if (send == null) {
        busyGroups.remove(group);
        return;
      }
      waiting--;
    }
    send.run();
  }
}
