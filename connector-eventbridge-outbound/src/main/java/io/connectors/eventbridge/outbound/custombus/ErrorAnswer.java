package io.connectors.eventbridge.outbound.custombus;

import java.util.Map;

/**
 * An error answer read as botocore's {@code RpcV2CBORParser._do_error_parse} reads it: the code is
 * the body's {@code __type} without a {@code namespace#} prefix and anything after a colon, or the
 * HTTP status as text when there is no {@code __type}; the message is {@code message} or {@code
 * Message}.
 *
 * @param message null when the body had none
 * @param requestId the {@code x-amzn-RequestId} header, or null
 */
record ErrorAnswer(int httpStatus, String errorCode, String message, String requestId) {

  static ErrorAnswer read(int httpStatus, Map<String, Object> body, String requestId) {
    Object type = body.get("__type");
    String code = type instanceof String text ? shapeName(text) : Integer.toString(httpStatus);
    Object message = body.containsKey("message") ? body.get("message") : body.get("Message");
    return new ErrorAnswer(
        httpStatus, code, message instanceof String text ? text : null, requestId);
  }

  /**
   * An error whose body is empty or not a CBOR map, such as a proxy's or load balancer's page:
   * named by its status, as botocore names a 5xx of that kind (for a 4xx botocore gives up with a
   * parse error, which would hide the status).
   */
  static ErrorAnswer generic(int httpStatus, String requestId) {
    return new ErrorAnswer(httpStatus, Integer.toString(httpStatus), null, requestId);
  }

  private static String shapeName(String type) {
    String beforeColon = type.split(":", 2)[0];
    int hash = beforeColon.lastIndexOf('#');
    return hash < 0 ? beforeColon : beforeColon.substring(hash + 1);
  }
}
