package io.connectors.eventbridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.connector.runtime.inbound.search.SearchQueryClient;
import io.connectors.eventbridge.runtime.local.deploy.BpmnDirectoryDeployer;
import io.connectors.eventbridge.runtime.local.deploy.BpmnDirectoryDeployer.DeployOutcome;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import io.connectors.eventbridge.runtime.support.TestProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@LocalRuntimeTest
@ExtendWith(OutputCaptureExtension.class)
class DeployDirectoryTest {

  @Autowired BpmnDirectoryDeployer deployer;
  @Autowired SearchQueryClient searchClient;

  @Test
  void bpmnDroppedIntoADeployFolderIsDeployedAndABrokenOneIsReportedWithoutStoppingIt(
      CapturedOutput output) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Path folder = Files.createDirectories(Path.of(LocalRuntime.DEPLOY_DIR));
    Path broken = folder.resolve("a-broken-" + suffix + ".bpmn");
    Path good = folder.resolve("b-good-" + suffix + ".bpmn");
    String processId = "rt-dropped-" + suffix;
    // The broken file sorts first, so the good one is deployed after the failure.
    // Written elsewhere and moved in, so the scanner never sees a half-written file (which it
    // would rightly report once more when the write completes).
    dropInto(broken, "<definitions>not a process");
    dropInto(good, TestProcesses.xml(TestProcesses.waitForMessage(processId, "Go")));

    DeployOutcome goodOutcome = awaitOutcome(good);
    DeployOutcome brokenOutcome = awaitOutcome(broken);

    assertThat(goodOutcome.deployed()).isTrue();
    assertThat(goodOutcome.bpmnProcessIds()).containsExactly(processId);
    assertThat(searchClient.queryProcessDefinitions(null).items())
        .anySatisfy(p -> assertThat(p.getProcessDefinitionId()).isEqualTo(processId));
    assertThat(brokenOutcome.deployed()).isFalse();
    assertThat(brokenOutcome.error()).isNotBlank().doesNotContain("\n");
    assertThat(
            output
                .getAll()
                .lines()
                .filter(
                    line ->
                        line.contains("Not deployed: ")
                            && line.contains(broken.getFileName().toString())))
        .singleElement()
        .satisfies(line -> assertThat(line).contains(brokenOutcome.error()));
  }

  private static void dropInto(Path target, String content) throws IOException {
    Path staging = Files.createTempFile(target.getParent().getParent(), "staging", ".tmp");
    Files.writeString(staging, content);
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
  }

  private DeployOutcome awaitOutcome(Path file) {
    return LocalRuntime.await(
        "a deployment attempt of " + file,
        Duration.ofSeconds(10),
        () ->
            deployer.outcomes().stream()
                .filter(o -> o.file().endsWith(file))
                .findFirst()
                .or(Optional::empty));
  }
}
