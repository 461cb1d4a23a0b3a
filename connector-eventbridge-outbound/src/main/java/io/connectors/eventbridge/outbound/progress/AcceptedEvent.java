package io.connectors.eventbridge.outbound.progress;

/**
 * An event EventBridge accepted in an earlier attempt of the same job.
 *
 * @param index its position in the task's input
 * @param eventId the ID EventBridge gave it
 * @param hash {@link io.connectors.eventbridge.outbound.send.PreparedEntry#hash()} of what was put,
 *     so an event whose content changed since (an operator edited the task's variables before
 *     retrying an incident) is sent again instead of being reported as put
 */
public record AcceptedEvent(int index, String eventId, String hash) {}
