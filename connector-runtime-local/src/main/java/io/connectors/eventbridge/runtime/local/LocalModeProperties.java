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
 * @param bindAddress address the engine's gRPC gateway and the local cluster REST API listen on;
 *     this machine only by default, {@code 0.0.0.0} for all interfaces
 * @param grpcPort port of the embedded engine's gRPC gateway; {@code 0} picks a free port
 * @param restPort port of the local Orchestration Cluster REST API (v2), which stands in for a
 *     Camunda cluster's; {@code 0} picks a free port
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
    @DefaultValue("127.0.0.1") String bindAddress,
    @DefaultValue("26500") int grpcPort,
    @DefaultValue("8080") int restPort,
    @DefaultValue("bpmn-examples") String examplesDir,
    @DefaultValue List<String> deployDirs,
    @DefaultValue("2s") Duration deployScanInterval,
    @DefaultValue Map<String, String> secrets) {

  public static final String PREFIX = "eventbridge.local";
  public static final String GRPC_PORT_PROPERTY = PREFIX + ".grpc-port";
  public static final String REST_PORT_PROPERTY = PREFIX + ".rest-port";

  @Override
  public String toString() {
    // Secrets stay out of logs and failure reports.
    return ("LocalModeProperties[bindAddress=%s, grpcPort=%d, restPort=%d, examplesDir=%s,"
            + " deployDirs=%s, secrets=%s]")
        .formatted(bindAddress, grpcPort, restPort, examplesDir, deployDirs, secrets.keySet());
  }
}
