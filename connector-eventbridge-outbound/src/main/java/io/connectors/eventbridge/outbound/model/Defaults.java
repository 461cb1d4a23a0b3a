package io.connectors.eventbridge.outbound.model;

/**
 * What a property left empty takes. The records apply these in their compact constructors, and
 * their templates name the same constants as {@code defaultValue}, so Modeler shows what the
 * connector uses. Kept out of the records because the template generator reads a record's fields.
 */
public final class Defaults {

  /** EventBridge's PutEvents size quota (1 MiB), measured with AWS's entry-size formula. */
  public static final int MAX_REQUEST_BYTES = 1_048_576;

  public static final int ENTRY_ATTEMPTS = 4;
  public static final int MAX_EVENTS = 1_000;

  /**
   * Two minutes: with the SDK's 30-second limit per call, well inside Zeebe's default 5-minute job
   * timeout.
   */
  public static final int TIME_BUDGET_SECONDS = 120;

  /** Shows in CloudTrail as the assumed role's session. */
  public static final String ROLE_SESSION_NAME = "camunda-eventbridge-connector";

  /**
   * Diagrams made before the bus kind existed carry none: they put events on a classic bus, as they
   * always did.
   */
  public static final String BUS_KIND = EventBus.CLASSIC;

  /**
   * A deduplication ID derived from the job, so that a retry of the same job within the bus's
   * 5-minute window cannot put an event twice.
   */
  public static final String DEDUPLICATION = EventBus.DEDUPLICATE_BY_JOB;

  private Defaults() {}
}
