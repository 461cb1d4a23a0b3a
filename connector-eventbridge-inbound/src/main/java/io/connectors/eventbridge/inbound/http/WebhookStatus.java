package io.connectors.eventbridge.inbound.http;

/** The statuses this connector answers with, named for the sender's retry semantics. */
public final class WebhookStatus {
  public static final int OK = 200;

  /** Consumed but deliberately not correlated (the user chose to consume unmatched events). */
  public static final int ACCEPTED = 202;

  /** OPTIONS: the {@code Allow} header is the whole answer. */
  public static final int NO_CONTENT = 204;

  public static final int BAD_REQUEST = 400;
  public static final int UNAUTHORIZED = 401;
  public static final int FORBIDDEN = 403;
  public static final int METHOD_NOT_ALLOWED = 405;
  public static final int PAYLOAD_TOO_LARGE = 413;
  public static final int UNSUPPORTED_MEDIA_TYPE = 415;
  public static final int UNPROCESSABLE = 422;

  /** Engine back-pressure. EventBridge retries 429 with backoff. */
  public static final int TOO_MANY_REQUESTS = 429;

  /** Engine unreachable. EventBridge retries 5xx with backoff. */
  public static final int SERVICE_UNAVAILABLE = 503;

  private WebhookStatus() {}

  public static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }

  public static boolean isRetryable(int status) {
    return status == TOO_MANY_REQUESTS || status >= 500;
  }
}
