package io.connectors.eventbridge.inbound.http;

import java.time.Duration;
import java.util.Set;

/**
 * What an active webhook accepts before any credential is looked at, for a runtime that checks
 * requests in front of the connector (our runtime's request filter) and for the connector itself.
 *
 * @param allowedMethods upper-case methods that may carry an event, in the order of {@link
 *     #allowHeader()}
 * @param maxBodyBytes the webhook's body limit
 * @param timeBudget how long the webhook takes at most to answer (events not correlated by then are
 *     answered 503); our runtime's concurrency limit measures request latency against it
 */
public record RequestContract(Set<String> allowedMethods, int maxBodyBytes, Duration timeBudget) {

  public RequestContract {
    allowedMethods = Set.copyOf(allowedMethods);
  }

  public boolean allows(String method) {
    return allowedMethods.contains(method);
  }

  /**
   * The {@code Allow} header: exactly the methods that carry events. OPTIONS is answered too (204
   * with this header) but is not listed: it never reaches the process. Sorted, so every answer
   * carries the same header.
   */
  public String allowHeader() {
    return String.join(", ", allowedMethods.stream().sorted().toList());
  }
}
