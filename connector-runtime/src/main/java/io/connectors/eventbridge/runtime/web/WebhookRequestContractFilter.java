package io.connectors.eventbridge.runtime.web;

import io.connectors.eventbridge.inbound.EventBridgeWebhookExecutable;
import io.connectors.eventbridge.inbound.http.JsonContentType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decides method and content type of a webhook request before any credential is looked at and
 * before the runtime's controller parses anything.
 *
 * <p>The 8.8 controller parses the {@code Content-Type} while binding its arguments and answers
 * 500, with the parser's text, for values such as the wildcard type, {@code multipart/mixed} or
 * {@code application/json; charset=bogus}; it maps GET, HEAD, POST, PUT and DELETE whatever the
 * webhook allows, so Spring answered 405 with that list and 200 to OPTIONS. For an active
 * EventBridge webhook this filter answers from the webhook's own settings: 405 with exactly its
 * methods in {@code Allow}, 204 with {@code Allow} for OPTIONS, 415 for anything but JSON. For
 * other webhooks it only answers 415 to content types the controller cannot parse.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class WebhookRequestContractFilter extends OncePerRequestFilter {

  static final String METHOD_NOT_ALLOWED = "method not allowed";

  static final String UNSUPPORTED_MEDIA_TYPE =
      "content type must be application/json or application/*+json, charset utf-8 if any";

  private final WebhookContracts contracts;

  WebhookRequestContractFilter(WebhookContracts contracts) {
    this.contracts = contracts;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !WebhookContracts.isWebhookPath(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var webhook = contracts.webhookFor(request);
    var contract = webhook.flatMap(EventBridgeWebhookExecutable::requestContract);
    if (contract.isEmpty()) {
      if (request.getContentType() != null && !parsable(request.getContentType())) {
        FilterAnswers.reject(response, 415, UNSUPPORTED_MEDIA_TYPE);
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    String method = request.getMethod();
    if ("OPTIONS".equals(method)) {
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      response.setHeader("Allow", contract.get().allowHeader());
      webhook.get().answeredByRuntime(method, 204, "allowed methods");
      return;
    }
    if (!contract.get().allows(method)) {
      response.setHeader("Allow", contract.get().allowHeader());
      FilterAnswers.reject(response, 405, METHOD_NOT_ALLOWED);
      webhook.get().answeredByRuntime(method, 405, METHOD_NOT_ALLOWED);
      return;
    }
    if (!JsonContentType.accepts(request.getContentType())) {
      FilterAnswers.reject(response, 415, UNSUPPORTED_MEDIA_TYPE);
      webhook.get().answeredByRuntime(method, 415, UNSUPPORTED_MEDIA_TYPE);
      return;
    }
    chain.doFilter(request, response);
  }

  /**
   * What the controller's argument binding can read without failing. Multipart is refused too: the
   * 8.8 controller answers 500 to it without a boundary and reads it as an empty body with one.
   */
  private static boolean parsable(String contentType) {
    try {
      var mediaType = MediaType.parseMediaType(contentType);
      if (mediaType.isWildcardType()
          || mediaType.isWildcardSubtype()
          || "multipart".equalsIgnoreCase(mediaType.getType())) {
        return false;
      }
      Charset charset = mediaType.getCharset();
      return charset == null || charset.canEncode();
    } catch (RuntimeException unparsable) {
      return false;
    }
  }
}
