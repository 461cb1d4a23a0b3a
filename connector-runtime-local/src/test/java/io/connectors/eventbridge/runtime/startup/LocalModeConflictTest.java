package io.connectors.eventbridge.runtime.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectors.eventbridge.runtime.ConnectorRuntimeApplication;
import io.connectors.eventbridge.runtime.local.engine.LocalModeConflictException;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Local mode started with settings for a real cluster stops before it starts an engine, with one
 * line naming the setting, instead of silently running processes in memory.
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalModeConflictTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "camunda.client.grpc-address=http://zeebe.cluster.example:26500",
        "camunda.client.rest-address=https://cluster.example:8080",
        "camunda.client.mode=saas",
        "camunda.client.cloud.cluster-id=abc-123",
      })
  void aClusterSettingStopsLocalModeWithOneLine(String setting, CapturedOutput output) {
    String property = setting.substring(0, setting.indexOf('='));

    assertThatThrownBy(() -> start(setting))
        .isInstanceOf(LocalModeConflictException.class)
        .hasMessageContaining(property)
        .hasMessageNotContaining(setting.substring(setting.indexOf('=') + 1));

    assertThat(output.getAll())
        .contains(
            "Local mode is on, but "
                + property
                + " names another Camunda cluster: run the production runtime"
                + " (connector-runtime) against that cluster, or remove the setting to run"
                + " locally.")
        .doesNotContain("Embedded Zeebe engine started");
  }

  private static void start(String setting) {
    String[] args =
        Stream.of(
                "--" + setting,
                "--server.port=0",
                "--eventbridge.local.grpc-port=0",
                "--eventbridge.local.examples-dir=",
                "--spring.main.banner-mode=off")
            .toArray(String[]::new);
    new SpringApplicationBuilder(ConnectorRuntimeApplication.class).run(args).close();
  }
}
