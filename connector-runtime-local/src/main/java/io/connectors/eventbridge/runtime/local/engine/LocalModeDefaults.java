package io.connectors.eventbridge.runtime.local.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Local mode's defaults ({@code eventbridge-local-defaults.yaml}), kept out of the production
 * runtime's {@code application.yaml} so that nothing of local mode is in the production artifact.
 * Added below every other property source, so any user setting wins.
 */
final class LocalModeDefaults {

  static final String FILE = "eventbridge-local-defaults.yaml";
  static final String PROPERTY_SOURCE_NAME = "eventbridgeLocalDefaults";

  private LocalModeDefaults() {}

  static PropertySource<?> load() {
    try {
      List<PropertySource<?>> documents =
          new YamlPropertySourceLoader().load(PROPERTY_SOURCE_NAME, new ClassPathResource(FILE));
      if (documents.size() != 1) {
        throw new IllegalStateException(FILE + " must hold one YAML document");
      }
      return documents.get(0);
    } catch (IOException e) {
      // The file is in this module's own jar: missing or unreadable means a broken build.
      throw new UncheckedIOException("Cannot read " + FILE + " from the class path", e);
    }
  }
}
