package io.connectors.eventbridge.runtime.web;

import io.connectors.eventbridge.inbound.http.JsonContentType;
import io.connectors.eventbridge.inbound.http.RequestContract;
import io.connectors.eventbridge.inbound.http.WebhookStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The stage of {@link WebhookRequestFilter} that decides method and content type of a webhook
 * request before any credential is looked at and before the runtime's controller parses anything.
 *
 * <p>The 8.8 controller parses the {@code Content-Type} while binding its arguments and answers
 * 500, with the parser's text, for values such as the wildcard type, {@code multipart/mixed} or
 * {@code application/json; charset=bogus}; it maps GET, HEAD, POST, PUT and DELETE whatever the
 * webhook allows, so Spring answered 405 with that list and 200 to OPTIONS. For an active
 * EventBridge webhook this stage answers by the connector's own rules ({@link RequestContract},
 * {@link JsonContentType}): 405 with exactly its methods in {@code Allow}, 204 with {@code Allow}
 * for OPTIONS, 415 for anything but JSON. For other webhooks it only answers 415 to content types
 * the controller cannot parse.
 */
@Component
class RequestContractStage {

  /** Whether the request was answered here; if not, it goes on to the next stage. */
  boolean answered(HttpServletRequest request, HttpServletResponse response, WebhookTarget target)
      throws IOException {
    return switch (target) {
      case WebhookTarget.EventBridgeWebhook webhook ->
          answeredByContract(request, response, webhook);
      case WebhookTarget.NoContract none -> {
        if (request.getContentType() != null && !parsable(request.getContentType())) {
          none.refuse(request, response, RequestContract.unsupportedMediaType());
          yield true;
        }
        yield false;
      }
    };
  }

  private static boolean answeredByContract(
      HttpServletRequest request,
      HttpServletResponse response,
      WebhookTarget.EventBridgeWebhook webhook)
      throws IOException {
    var contract = webhook.contract();
    String method = request.getMethod();
    if ("OPTIONS".equals(method)) {
      response.setStatus(WebhookStatus.NO_CONTENT);
      response.setHeader("Allow", contract.allowHeader());
      webhook.executable().answeredByRuntime(method, WebhookStatus.NO_CONTENT, "allowed methods");
      return true;
    }
    var refusal = contract.refusalBeforeBody(method, request.getContentType());
    if (refusal.isPresent()) {
      webhook.refuse(request, response, refusal.get());
      return true;
    }
    return false;
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
