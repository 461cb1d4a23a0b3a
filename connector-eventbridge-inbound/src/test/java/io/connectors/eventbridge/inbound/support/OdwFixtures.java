package io.connectors.eventbridge.inbound.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * On-Demand Worker Request fixtures made by the JavaScript AWS Encryption SDK
 * (tools/fixtures/make-odw-fixtures.mjs), and their TEST key.
 */
public final class OdwFixtures {

  public static final String COMMITTING = "odw-request-committing.json";
  public static final String NON_COMMITTING = "odw-request-non-committing.json";
  public static final String COMMITTING_TOKEN = "TEST-worker-link-token-committing-0001";
  public static final String NON_COMMITTING_TOKEN = "TEST-worker-link-token-non-committing-0002";

  /** The test key, base64, as the script wrote it. */
  public static final String KEY_BASE64 = readKey();

  private OdwFixtures() {}

  public static String read(String name) {
    try (var in = OdwFixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readKey() {
    return read("odw-test-key.txt")
        .lines()
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .findFirst()
        .orElseThrow()
        .strip();
  }
}
