package io.connectors.eventbridge.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer of the fake: one a protocol wrote, to which the fake adds the request ID only it
 * knows, or one a test wrote byte for byte ({@link FakeEventBridge#answerCallsWith}), sent with
 * exactly its headers.
 *
 * @param headers one value per header name
 */
public record Answer(int status, Map<String, String> headers, byte[] body) {

  public Answer {
    headers = Map.copyOf(headers);
  }

  Answer(int status, String contentType, byte[] body) {
    this(status, Map.of("Content-Type", contentType), body);
  }

  /** The same answer with {@code x-amzn-RequestId: requestId} added. */
  Answer withRequestId(String requestId) {
    Map<String, String> withId = new LinkedHashMap<>(headers);
    withId.put("x-amzn-RequestId", requestId);
    return new Answer(status, withId, body);
  }
}
