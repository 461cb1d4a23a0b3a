package io.connectors.eventbridge.runtime.local.bus.rules;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The auth header a rule target gets, like an EventBridge connection: none, Basic or an API key
 * under a header name the user picks. The secret values never appear in {@code toString()}.
 */
public sealed interface TargetAuth {

  /** The header to send, if any, as name and value. */
  Optional<Header> header();

  record Header(String name, String value) {
    @Override
    public String toString() {
      return "Header[" + name + ": <redacted>]";
    }
  }

  record None() implements TargetAuth {
    @Override
    public Optional<Header> header() {
      return Optional.empty();
    }
  }

  record Basic(String username, String password) implements TargetAuth {
    @Override
    public Optional<Header> header() {
      String token = username + ":" + password;
      return Optional.of(
          new Header(
              "Authorization",
              "Basic "
                  + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public String toString() {
      return "Basic[username=" + username + ", password=<redacted>]";
    }
  }

  record ApiKey(String headerName, String value) implements TargetAuth {
    @Override
    public Optional<Header> header() {
      return Optional.of(new Header(headerName, value));
    }

    @Override
    public String toString() {
      return "ApiKey[header=" + headerName + ", value=<redacted>]";
    }
  }
}
