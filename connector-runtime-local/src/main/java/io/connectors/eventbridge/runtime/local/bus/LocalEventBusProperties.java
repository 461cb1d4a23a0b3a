package io.connectors.eventbridge.runtime.local.bus;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The local event bus: a development-only stand-in for Amazon EventBridge inside the runtime.
 *
 * @param enabled serve the bus (only ever in local mode)
 * @param rulesFile YAML or JSON rules file; a relative path is looked up in the working directory
 *     and then in its parent
 * @param account account id put into event envelopes
 * @param region region put into event envelopes
 * @param maxRequestBytes PutEvents request size limit, computed with AWS's size formula (1 MiB, the
 *     2026 quota; use 262144 to mimic the earlier 256 KB quota)
 * @param delivery how rule targets are called
 */
@ConfigurationProperties("eventbridge.local.bus")
public record LocalEventBusProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("bpmn-examples/local-bus-rules.yaml") String rulesFile,
    @DefaultValue("000000000000") String account,
    @DefaultValue("us-east-1") String region,
    @DefaultValue("1048576") int maxRequestBytes,
    @DefaultValue Delivery delivery) {

  /**
   * Delivery to HTTP targets, modelled on EventBridge API destinations.
   *
   * @param maxAttempts attempts per event and target, the first included (AWS makes up to 185 over
   *     24 h; a development bus gives up sooner)
   * @param initialBackoff wait before the first retry; doubled for every further retry
   * @param maxBackoff upper bound of the bus's own backoff; a rule target's Retry-After is honoured
   *     as given, within the event's maximum age (24 h, EventBridge's default), and a subscriber's
   *     retries do not read it
   * @param timeout time a target has to answer (API destinations allow 5 s)
   * @param maxPending deliveries in flight or waiting to retry; beyond this, events are
   *     dead-lettered (the same bound applies to the events waiting in FIFO subscribers' groups)
   * @param deadLetterCapacity dead letters kept in memory for the dead-letter endpoint
   */
  public record Delivery(
      @DefaultValue("6") int maxAttempts,
      @DefaultValue("500ms") Duration initialBackoff,
      @DefaultValue("30s") Duration maxBackoff,
      @DefaultValue("5s") Duration timeout,
      @DefaultValue("1000") int maxPending,
      @DefaultValue("200") int deadLetterCapacity) {}
}
