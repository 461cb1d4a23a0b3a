package io.connectors.eventbridge.runtime.local.bus.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An event the local bus gave up delivering to a target.
 *
 * @param target the target URL without user info or query
 * @param reason what the last attempt got, e.g. {@code HTTP 503} or {@code timeout}
 */
public record DeadLetter(
    Instant time,
    String eventId,
    String rule,
    String target,
    int attempts,
    String reason,
    JsonNode event) {}
