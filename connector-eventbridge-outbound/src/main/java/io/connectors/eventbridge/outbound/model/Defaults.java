package io.connectors.eventbridge.outbound.model;

/**
 * What a property left empty stands for: each record's compact constructor applies these, and the
 * template's {@code defaultValue} names the same constant. Kept out of the property records because
 * the template generator would turn their static fields into template properties.
 */
public final class Defaults {

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
