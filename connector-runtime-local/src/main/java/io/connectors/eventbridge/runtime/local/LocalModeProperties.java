package io.connectors.eventbridge.runtime.local;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Local mode: an in-memory Zeebe engine beside the runtime, for development and CI. It is on
 * whenever this module is on the class path, which the production artifact never has.
 *
 * @param grpcPort port of the embedded engine's gRPC gateway; {@code 0} picks a free port
 * @param examplesDir folder of example BPMN files deployed at start-up; a relative path is looked
 *     up in the working directory and then in its parent, so the repository's {@code bpmn-examples}
 *     is found from the repository root and from {@code connector-runtime-local/}; blank turns it
 *     off
 * @param deployDirs further folders whose {@code *.bpmn} files are deployed
 * @param deployScanInterval how often the folders are rescanned for new or changed files; zero
 *     deploys at start-up only
 * @param secrets connector secrets by name, for {@code {{secrets.NAME}}} in local mode only
 */
@ConfigurationProperties("eventbridge.local")
public record LocalModeProperties(
    @DefaultValue("26500") int grpcPort,
    @DefaultValue("bpmn-examples") String examplesDir,
    @DefaultValue List<String> deployDirs,
    @DefaultValue("2s") Duration deployScanInterval,
    @DefaultValue Map<String, String> secrets) {

  public static final String PREFIX = "eventbridge.local";
  public static final String GRPC_PORT_PROPERTY = PREFIX + ".grpc-port";

  @Override
  public String toString() {
    // Secrets stay out of logs and failure reports.
    return "LocalModeProperties[grpcPort=%d, examplesDir=%s, deployDirs=%s, secrets=%s]"
        .formatted(grpcPort, examplesDir, deployDirs, secrets.keySet());
  }
}
