package io.connectors.eventbridge.outbound.custombus;

/**
 * Facts of the service model ({@code botocore/data/eventbridgev2/2025-05-15/service-2.json},
 * botocore 1.43.107) that the wire format depends on, in one place: the connector's client and
 * local mode's bus (which serves the same operation) both read them here.
 */
public final class CustomBusModel {

  /** {@code metadata.targetPrefix}: RPC v2 names the service by it in the path. */
  public static final String TARGET_PREFIX = "AWSEventsV2";

  public static final String OPERATION = "PutEvents";

  /** Smithy RPC v2: {@code POST /service/{targetPrefix}/operation/{operation}}. */
  public static final String PATH = "/service/" + TARGET_PREFIX + "/operation/" + OPERATION;

  /** {@code metadata.signingName}; not the endpoint prefix. */
  public static final String SIGNING_NAME = "events";

  /** {@code metadata.endpointPrefix}, the first label of the rule set's host names. */
  public static final String ENDPOINT_PREFIX = "eventsv2";

  public static final String PROTOCOL_HEADER = "smithy-protocol";
  public static final String PROTOCOL = "rpc-v2-cbor";
  public static final String CBOR = "application/cbor";

  private CustomBusModel() {}
}
