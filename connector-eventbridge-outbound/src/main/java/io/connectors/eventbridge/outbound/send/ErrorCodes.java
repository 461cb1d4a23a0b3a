package io.connectors.eventbridge.outbound.send;

import java.util.Set;

/**
 * The stable error codes this connector throws. An error expression can match on them, for example
 * {@code if error.code = "EVENTBRIDGE_ACCESS_DENIED" then bpmnError("access", error.message) else
 * null}.
 */
public final class ErrorCodes {

  /**
   * Some or all entries were rejected for a reason other than the two below; the message lists
   * them.
   */
  public static final String PARTIAL_FAILURE = "EVENTBRIDGE_PARTIAL_FAILURE";

  /** Entries still failed with ThrottlingException or InternalFailure after every attempt. */
  public static final String THROTTLED = "EVENTBRIDGE_THROTTLED";

  /** IAM denied PutEvents, or the source or detail-type, for the identity used. */
  public static final String ACCESS_DENIED = "EVENTBRIDGE_ACCESS_DENIED";

  /** The event bus (or global endpoint) does not exist in that account and region. */
  public static final String BUS_NOT_FOUND = "EVENTBRIDGE_BUS_NOT_FOUND";

  /**
   * The credentials were refused (invalid key, bad signature, expired token) or could not be found.
   */
  public static final String AUTHENTICATION_FAILED = "EVENTBRIDGE_AUTHENTICATION_FAILED";

  /** EventBridge rejected the request as a whole as invalid. */
  public static final String INVALID_REQUEST = "EVENTBRIDGE_INVALID_REQUEST";

  /**
   * EventBridge answered 5xx after the SDK's retries, or an answer that cannot be mapped back to
   * the entries.
   */
  public static final String SERVICE_ERROR = "EVENTBRIDGE_SERVICE_ERROR";

  /** EventBridge could not be reached: DNS, connect or read timeout, TLS. */
  public static final String CONNECTION_FAILED = "EVENTBRIDGE_CONNECTION_FAILED";

  /** The task's time budget ran out before every event was put; a job retry sends the rest. */
  public static final String DEADLINE_REACHED = "EVENTBRIDGE_DEADLINE_REACHED";

  /**
   * Entry error codes worth sending again; every other code fails the same way on retry. A classic
   * bus says InternalFailure; the Custom Event Bus's model names its fault InternalException.
   */
  static final Set<String> RETRYABLE_ENTRY_CODES =
      Set.of("ThrottlingException", "InternalFailure", "InternalException");

  static final Set<String> THROTTLING_CODES =
      Set.of("ThrottlingException", "ThrottledException", "TooManyRequestsException");
  static final Set<String> ACCESS_DENIED_ENTRY_CODES =
      Set.of(
          "AccessDeniedException",
          "NotAuthorizedForSourceException",
          "NotAuthorizedForDetailTypeException");
  static final Set<String> NOT_FOUND_CODES =
      Set.of("ResourceNotFoundException", "NotFoundException");
  static final Set<String> AUTHENTICATION_CODES =
      Set.of(
          "UnrecognizedClientException",
          "InvalidSignatureException",
          "IncompleteSignature",
          "ExpiredTokenException",
          "InvalidClientTokenId",
          "MissingAuthenticationToken",
          "SignatureDoesNotMatch");

  private ErrorCodes() {}
}
