package io.connectors.eventbridge.outbound.custombus;

/**
 * The Custom Event Bus's one operation the connector uses, in the connector's own types, so that
 * the SDK's generated {@code eventbridgev2} client can take the place of the wire implementation
 * once it is served.
 */
@FunctionalInterface
public interface CustomBusPutEvents {

  /**
   * Puts the request's entries in one call.
   *
   * @throws CustomBusException when the call as a whole failed; entries the bus refused one by one
   *     come back as {@link CustomBusEntryResult.Failed} in the result instead. What the
   *     credentials provider throws passes through unchanged: the provider is the caller's, and so
   *     is the meaning of its failures.
   */
  CustomBusResult putEvents(CustomBusRequest request);
}
