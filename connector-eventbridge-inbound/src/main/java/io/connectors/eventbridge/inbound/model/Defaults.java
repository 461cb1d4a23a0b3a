package io.connectors.eventbridge.inbound.model;

/**
 * Defaults applied when a property is left empty. Kept out of the property records because the
 * template generator would turn their static fields into template properties.
 */
public final class Defaults {
  public static final int MAX_BODY_BYTES = 1024 * 1024;
  public static final int STANDARD_WEBHOOKS_TOLERANCE_SECONDS = 300;
  public static final int JWT_LEEWAY_SECONDS = 60;

  private Defaults() {}
}
