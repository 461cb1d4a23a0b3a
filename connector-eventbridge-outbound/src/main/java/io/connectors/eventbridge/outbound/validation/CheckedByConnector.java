package io.connectors.eventbridge.outbound.validation;

/**
 * The validation group of every constraint on the task's input.
 *
 * <p>The runtime validates what it binds in the default group and reports a violation only as text.
 * Constraints in this group are passed over there and checked by the connector itself where it
 * binds the request, so that each violation comes with its property path and constraint: the user's
 * message is built from those, never from another library's wording.
 */
public interface CheckedByConnector {}
