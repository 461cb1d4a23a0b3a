package io.connectors.eventbridge.runtime.support.fleet;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load balancer in front of the replicas, as simple as one can be: round robin over a list of
 * base URLs that a test changes while load runs. It checks no health: a replica that is down stays
 * in the list until the test removes it, and a request to it fails to connect, which the sender
 * retries as it would a balancer's 502.
 */
public final class Balancer {

  /** One replica behind the balancer. */
  public record Target(String name, URI baseUrl) {}

  private final List<Target> targets = new CopyOnWriteArrayList<>();
  private final AtomicInteger next = new AtomicInteger();

  public void add(String name, URI baseUrl) {
    targets.add(new Target(name, baseUrl));
  }

  public void remove(String name) {
    targets.removeIf(target -> target.name().equals(name));
  }

  public List<Target> targets() {
    return List.copyOf(targets);
  }

  Target pick() {
    var snapshot = targets();
    if (snapshot.isEmpty()) {
      throw new IllegalStateException("no replica behind the balancer");
    }
    return snapshot.get(Math.floorMod(next.getAndIncrement(), snapshot.size()));
  }
}
