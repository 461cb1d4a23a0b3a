package io.connectors.eventbridge.runtime.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The small JSON answers of the request filters, in the connector's own shape. */
final class FilterAnswers {

  private FilterAnswers() {}

  /**
   * @param reason a fixed sentence of ours; never request data or a library's message
   */
  static void reject(HttpServletResponse response, int status, String reason) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response
        .getOutputStream()
        .write(
            ("{\"status\":" + status + ",\"reason\":\"" + reason + "\"}")
                .getBytes(StandardCharsets.UTF_8));
  }
}
