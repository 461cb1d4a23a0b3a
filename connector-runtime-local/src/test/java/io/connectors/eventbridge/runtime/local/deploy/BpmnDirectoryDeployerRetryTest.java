package io.connectors.eventbridge.runtime.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.connectors.eventbridge.runtime.local.engine.EmbeddedZeebeEngine;
import io.connectors.eventbridge.runtime.support.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up deployment waits for an engine that is not answering yet, instead of reporting the
 * examples as failed: the engine here starts only after the deployer has already been refused.
 */
class BpmnDirectoryDeployerRetryTest {

  @TempDir Path folder;

  @Test
  void aFileIsDeployedOnceTheEngineAnswersAndABrokenOneIsReportedOnce() throws Exception {
    int port = freePort();
    Files.writeString(
        folder.resolve("late.bpmn"),
        Bpmn.convertToString(
            Bpmn.createExecutableProcess("deployer-retry-late").startEvent().endEvent().done()));
    Files.writeString(folder.resolve("broken.bpmn"), "<definitions>not bpmn</definitions>");

    try (CamundaClient client =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://127.0.0.1:" + port))
            .preferRestOverGrpc(false)
            .build()) {
      var deployer =
          new BpmnDirectoryDeployer(client, List.of(folder), Duration.ZERO, Duration.ofMinutes(1));
      var run = CompletableFuture.runAsync(() -> deployer.run(null));

      Await.until(
          "the deployer to be refused by the missing engine",
          Duration.ofSeconds(30),
          () -> deployer.retries() > 0 ? Optional.of(true) : Optional.empty());
      try (var engine = EmbeddedZeebeEngine.start(port)) {
        run.get(60, TimeUnit.SECONDS);

        var outcomes = deployer.outcomes();
        assertThat(outcomes).hasSize(2);
        var broken = outcomes.get(0);
        assertThat(broken.file().getFileName()).hasToString("broken.bpmn");
        assertThat(broken.deployed()).isFalse();
        var late = outcomes.get(1);
        assertThat(late.deployed()).isTrue();
        assertThat(late.bpmnProcessIds()).containsExactly("deployer-retry-late");
      }
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
