package io.connectors.eventbridge.runtime.local;

import io.connectors.eventbridge.runtime.ConnectorRuntimeApplication;
import org.springframework.boot.SpringApplication;

/**
 * Local mode: the production connector runtime, unchanged, with this module beside it on the class
 * path. This module's initializer starts the in-memory engine and points the runtime's Camunda
 * client at it; its beans add the local event bus and the deployment of the examples.
 */
public final class LocalModeApplication {

  private LocalModeApplication() {}

  public static void main(String[] args) {
    SpringApplication.run(ConnectorRuntimeApplication.class, args);
  }
}
