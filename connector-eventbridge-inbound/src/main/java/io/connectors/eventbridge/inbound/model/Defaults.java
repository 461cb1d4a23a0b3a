package io.connectors.eventbridge.inbound.model;

/**
 * What a property left empty takes. The records apply these in their compact constructors, and
 * their templates name the same constants as {@code defaultValue}, so Modeler shows what the
 * connector uses. Kept out of the records because the template generator reads a record's fields.
 */
public final class Defaults {
  public static final String HTTP_METHOD = "post";
  public static final int MAX_BODY_BYTES = 1024 * 1024;
  public static final int STANDARD_WEBHOOKS_TOLERANCE_SECONDS = 300;
  public static final int JWT_LEEWAY_SECONDS = 60;

  /** Under EventBridge's 5 s request timeout, with room for the network. */
  public static final int TIME_BUDGET_MILLIS = 4000;

  /**
   * The longest a Custom Event Bus subscriber waits for an HTTP target (its invocation timeout is 1
   * to 30 s:
   * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-target-http.html); no
   * sender we know of waits longer, so a longer budget would only answer after the sender left.
   */
  public static final int MAX_TIME_BUDGET_MILLIS = 30_000;

  /** Which form a delivery has is read from the delivery itself (RAW or WITH_METADATA). */
  public static final String DELIVERY_FORMAT = "recognise";

  /** Replayed events are correlated like live ones, as before replays were recognised. */
  public static final String REPLAY_HANDLING = "correlate";

  /** Control Room's On-Demand Worker Request: the raw AES keyring it encrypts for. */
  public static final String ODW_KEY_NAMESPACE = "robocorp";

  public static final String ODW_KEY_NAME = "on-demand-worker-secret";
  public static final String ODW_DETAIL_TYPE = "On-Demand Worker Request";

  private Defaults() {}
}
