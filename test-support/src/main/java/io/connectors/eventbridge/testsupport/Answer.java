package io.connectors.eventbridge.testsupport;

/**
 * An HTTP answer in a protocol's encoding; the fake adds the request ID, which only it knows.
 *
 * @param requestId the {@code x-amzn-RequestId} header, or null for none
 */
record Answer(int status, String contentType, byte[] body, String requestId) {

  Answer(int status, String contentType, byte[] body) {
    this(status, contentType, body, null);
  }

  Answer withRequestId(String requestId) {
    return new Answer(status, contentType, body, requestId);
  }
}
