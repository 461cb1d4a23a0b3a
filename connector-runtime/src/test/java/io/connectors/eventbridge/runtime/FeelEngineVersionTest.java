package io.connectors.eventbridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import org.camunda.feel.FeelEngine;
import org.junit.jupiter.api.Test;

/** The FEEL engine the production runtime ships (docs/compatibility.md, row 11a). */
class FeelEngineVersionTest {

  /**
   * 1.20.0, which the connectors runtime 8.8.7 brings, builds every built-in function again for
   * each evaluation, so each event's result expression cost 2.4 times as much
   * (ResultExpressionBenchmark); 1.20.1 fixed it.
   */
  @Test
  void buildsItsBuiltInFunctionsOnce() {
    String version = FeelEngine.class.getPackage().getImplementationVersion();

    assertThat(version).as("feel-engine's version on the runtime's class path").isNotNull();
    assertThat(ModuleDescriptor.Version.parse(version))
        .as("feel-engine %s", version)
        .isGreaterThanOrEqualTo(ModuleDescriptor.Version.parse("1.20.1"));
  }
}
