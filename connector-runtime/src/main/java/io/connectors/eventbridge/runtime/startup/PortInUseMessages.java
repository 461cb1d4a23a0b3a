package io.connectors.eventbridge.runtime.startup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one-line port clash message shared by both analyzers. */
public final class PortInUseMessages {

  private static final Logger LOG = LoggerFactory.getLogger(PortInUseMessages.class);

  private PortInUseMessages() {}

  public static String describe(
      int port, String usedFor, String property, String environmentVariable) {
    String line =
        "Port %d for %s is already in use; change it with --%s=<port> (or %s)."
            .formatted(port, usedFor, property, environmentVariable);
    // Spring Boot prints the analysis as a multi-line block; this single line is what log
    // scrapers and a quick glance at the terminal see.
    LOG.error(line);
    return line;
  }
}
