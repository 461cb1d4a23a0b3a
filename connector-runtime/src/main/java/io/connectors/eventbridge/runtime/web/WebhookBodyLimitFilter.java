package io.connectors.eventbridge.runtime.web;

import io.connectors.eventbridge.inbound.EventBridgeWebhookExecutable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a webhook request (or one to a {@link BodyLimitedPath}) whose body is larger than the
 * limit, counting bytes while reading: a declared {@code Content-Length} over the limit is refused
 * before anything is read, and a chunked body (no length) is read only up to one byte past the
 * limit. The request then goes on with the body already read, so the runtime never buffers an
 * unbounded body.
 *
 * <p>The limit is the runtime-wide one, or an active EventBridge webhook's own (default 1 MiB) when
 * that is smaller. Runs after {@link WebhookRequestContractFilter}, so a wrong method or content
 * type is answered before the body is read at all.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class WebhookBodyLimitFilter extends OncePerRequestFilter {

  static final String PROPERTY = "eventbridge.webhook.max-request-bytes";

  private final long maxBytes;
  private final WebhookContracts contracts;
  private final List<String> otherPrefixes;

  WebhookBodyLimitFilter(
      @Value("${" + PROPERTY + ":10485760}") long maxBytes,
      WebhookContracts contracts,
      ObjectProvider<BodyLimitedPath> otherPaths) {
    this.maxBytes = maxBytes;
    this.contracts = contracts;
    this.otherPrefixes = otherPaths.orderedStream().map(BodyLimitedPath::prefix).toList();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String uri = request.getRequestURI();
    return !WebhookContracts.isWebhookPath(uri)
        && otherPrefixes.stream().noneMatch(uri::startsWith);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var webhook = contracts.webhookFor(request);
    long limit =
        webhook
            .flatMap(EventBridgeWebhookExecutable::requestContract)
            .map(contract -> Math.min(maxBytes, contract.maxBodyBytes()))
            .orElse(maxBytes);
    if (request.getContentLengthLong() > limit) {
      tooLarge(request, response, limit, webhook);
      return;
    }
    if (isForm(request.getContentType())) {
      // Read by the servlet container as parameters, under its own size limits; only other
      // connectors' webhooks get here (ours answer 415 before).
      chain.doFilter(request, response);
      return;
    }
    byte[] body;
    try {
      body = readAtMost(request, limit);
    } catch (IOException unreadable) {
      // A broken chunked encoding or a client that went away: nothing to answer to but a 400.
      FilterAnswers.reject(response, 400, "unreadable body");
      return;
    }
    if (body == null) {
      tooLarge(request, response, limit, webhook);
      return;
    }
    chain.doFilter(new BufferedBodyRequest(request, body), response);
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
      HttpServletRequest request,
      HttpServletResponse response,
      long limit,
      Optional<EventBridgeWebhookExecutable> webhook)
      throws IOException {
    String reason = "body larger than " + limit + " bytes";
    // The connection may still carry the unread rest of the body: do not keep it alive.
    response.setHeader("Connection", "close");
    FilterAnswers.reject(response, 413, reason);
    webhook.ifPresent(active -> active.answeredByRuntime(request.getMethod(), 413, reason));
  }
}
