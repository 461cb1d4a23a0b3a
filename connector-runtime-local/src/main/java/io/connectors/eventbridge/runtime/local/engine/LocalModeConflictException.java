package io.connectors.eventbridge.runtime.local.engine;

/** Local mode was started with settings that name another Camunda cluster. */
public final class LocalModeConflictException extends RuntimeException {

  private final String setting;

  LocalModeConflictException(String setting) {
    super(
        "Local mode is on, but "
            + setting
            + " names another Camunda cluster: run the production runtime (connector-runtime)"
            + " against that cluster, or remove the setting to run locally.");
    this.setting = setting;
  }

  /** The property that names the other cluster. */
  public String setting() {
    return setting;
  }
}
