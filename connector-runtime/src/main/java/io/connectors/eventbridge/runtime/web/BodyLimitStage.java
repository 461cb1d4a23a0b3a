package io.connectors.eventbridge.runtime.web;

import io.connectors.eventbridge.inbound.http.RequestContract;
import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The last stage of {@link WebhookRequestFilter}: refuses a webhook request (or one to a {@link
 * BodyLimitedPath}) whose body is larger than the limit, counting bytes while reading: a declared
 * {@code Content-Length} over the limit is refused before anything is read, and a chunked body (no
 * length) is read only up to one byte past the limit. The request then goes on with the body
 * already read, so the runtime never buffers an unbounded body.
 *
 * <p>The limit is the runtime-wide one, or an active EventBridge webhook's own (default 1 MiB) when
 * that is smaller. Runs after {@link RequestContractStage}, so a wrong method or content type is
 * answered before the body is read at all.
 */
@Component
class BodyLimitStage {

  static final String PROPERTY = "eventbridge.webhook.max-request-bytes";

  private final long maxBytes;

  BodyLimitStage(@Value("${" + PROPERTY + ":10485760}") long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * The request to pass on, its body read within the limit (a form as it came); empty when it was
   * answered here.
   */
  Optional<HttpServletRequest> withinLimit(
      HttpServletRequest request, HttpServletResponse response, WebhookTarget target)
      throws IOException {
    long limit =
        switch (target) {
          case WebhookTarget.EventBridgeWebhook webhook ->
              Math.min(maxBytes, webhook.contract().maxBodyBytes());
          case WebhookTarget.NoContract none -> maxBytes;
        };
    if (request.getContentLengthLong() > limit) {
      tooLarge(request, response, limit, target);
      return Optional.empty();
    }
    if (isForm(request.getContentType())) {
      // Read by the servlet container as parameters, under its own size limits; only other
      // connectors' webhooks get here (ours answer 415 before).
      return Optional.of(request);
    }
    byte[] body;
    try {
      body = readAtMost(request, limit);
    } catch (IOException unreadable) {
      // A broken chunked encoding or a client that went away: nothing to answer to but a 400.
      FilterAnswers.reject(
          response, new RequestRejected(WebhookStatus.BAD_REQUEST, "unreadable body"));
      return Optional.empty();
    }
    if (body == null) {
      tooLarge(request, response, limit, target);
      return Optional.empty();
    }
    return Optional.of(new BufferedBodyRequest(request, body));
  }

  /** The body, or null as soon as it passes {@code limit} bytes. */
  private static byte[] readAtMost(HttpServletRequest request, long limit) throws IOException {
    var in = request.getInputStream();
    // Grown as bytes arrive, not sized from Content-Length: a declared size costs no memory until
    // the body is actually sent.
    var out =
        new ByteArrayOutputStream((int) Math.min(Math.max(request.getContentLength(), 0), 8192));
    byte[] chunk = new byte[8192];
    long total = 0;
    int read;
    while ((read = in.read(chunk)) != -1) {
      total += read;
      if (total > limit) {
        return null;
      }
      out.write(chunk, 0, read);
    }
    return out.toByteArray();
  }

  private static boolean isForm(String contentType) {
    if (contentType == null) {
      return false;
    }
    String lower = contentType.strip().toLowerCase(Locale.ROOT);
    return lower.startsWith("multipart/") || lower.startsWith("application/x-www-form-urlencoded");
  }

  private static void tooLarge(
      HttpServletRequest request, HttpServletResponse response, long limit, WebhookTarget target)
      throws IOException {
    // The connection may still carry the unread rest of the body: do not keep it alive.
    target.refuse(
        request, response, RequestContract.bodyTooLarge(limit, Map.of("Connection", "close")));
  }
}
