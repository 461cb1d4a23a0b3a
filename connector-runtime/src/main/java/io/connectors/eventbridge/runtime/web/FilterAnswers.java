package io.connectors.eventbridge.runtime.web;

import io.connectors.eventbridge.inbound.http.RequestRejected;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The small JSON answers of the request filter, in the connector's own shape. */
final class FilterAnswers {

  private FilterAnswers() {}

  /**
   * @param rejected with a fixed sentence of ours or the connector's as reason; never request data
   *     or a library's message
   */
  static void reject(HttpServletResponse response, RequestRejected rejected) throws IOException {
    rejected.headers().forEach(response::setHeader);
    response.setStatus(rejected.status());
    response.setContentType("application/json");
    response
        .getOutputStream()
        .write(
            ("{\"status\":" + rejected.status() + ",\"reason\":\"" + rejected.reason() + "\"}")
                .getBytes(StandardCharsets.UTF_8));
  }
}
