package io.connectors.eventbridge.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request exactly as the fake received it, so a wire test can assert on what the client
 * put on the wire (signature, target, body) rather than on what the fake made of it.
 *
 * @param headers every header with all its values; names compare case-insensitively, as in HTTP
 */
public record RecordedRequest(
    String method, String path, Map<String, List<String>> headers, byte[] body) {

  public RecordedRequest {
    var caseInsensitive = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> caseInsensitive.put(name, List.copyOf(values)));
    headers = java.util.Collections.unmodifiableMap(caseInsensitive);
  }

  /** The header's first value, or null when the request did not carry it. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
