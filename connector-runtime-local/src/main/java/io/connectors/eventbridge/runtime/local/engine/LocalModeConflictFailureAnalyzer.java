package io.connectors.eventbridge.runtime.local.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link LocalModeConflictException} into Spring Boot's start-up report, one line long. */
class LocalModeConflictFailureAnalyzer extends AbstractFailureAnalyzer<LocalModeConflictException> {

  private static final Logger LOG = LoggerFactory.getLogger(LocalModeConflictFailureAnalyzer.class);

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, LocalModeConflictException cause) {
    // Spring Boot prints the analysis as a block; this line is what log scrapers see.
    LOG.error(cause.getMessage());
    return new FailureAnalysis(
        cause.getMessage(),
        "Start connector-runtime-<version>-exec.jar for a cluster; local mode is for one machine.",
        cause);
  }
}
