package io.connectors.eventbridge.runtime.controlroom;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.connector.api.annotation.OutboundConnector;
import io.camunda.connector.api.error.ConnectorException;
import io.camunda.connector.api.outbound.OutboundConnectorContext;
import io.camunda.connector.api.outbound.OutboundConnectorFunction;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stands in for Camunda's REST connector ({@code io.camunda:http-json:1}) while the runtime does
 * not bundle it: the same job type, the same inputs the BPMN maps ({@code method}, {@code url},
 * {@code headers}, {@code body}) and the same result shape ({@code response.status}, {@code
 * response.headers}, {@code response.body}), so the example runs unchanged on a runtime that has
 * the real one. The connector runtime still does everything around it: secrets, the result
 * expression, retries.
 *
 * <p>Registered only when the real connector is not on the class path (see the test's
 * configuration), so both never compete for the job type.
 */
@OutboundConnector(
    name = "REST (test stand-in)",
    inputVariables = {"method", "url", "headers", "body", "readTimeoutInSeconds"},
    type = RestConnectorStandIn.TYPE)
public class RestConnectorStandIn implements OutboundConnectorFunction {

  static final String TYPE = "io.camunda:http-json:1";
  static final String REAL_CONNECTOR_CLASS = "io.camunda.connector.http.rest.HttpJsonFunction";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public record Request(
      @NotBlank String method,
      @NotBlank String url,
      Map<String, String> headers,
      Object body,
      Integer readTimeoutInSeconds) {}

  @Override
  public Object execute(OutboundConnectorContext context) throws Exception {
    var request = context.bindVariables(Request.class);
    var builder =
        HttpRequest.newBuilder(URI.create(request.url()))
            .timeout(
                Duration.ofSeconds(
                    request.readTimeoutInSeconds() == null ? 20 : request.readTimeoutInSeconds()));
    if (request.headers() != null) {
      request.headers().forEach(builder::header);
    }
    var body =
        request.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request.body()));
    var response =
        http.send(
            builder.method(request.method(), body).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 400) {
      // As the REST connector does: the HTTP status becomes the error code.
      throw new ConnectorException(
          String.valueOf(response.statusCode()), "HTTP " + response.statusCode());
    }
    var result = new LinkedHashMap<String, Object>();
    result.put("status", response.statusCode());
    result.put("headers", Map.of());
    result.put("body", parse(response.body()));
    return result;
  }

  private static Object parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readValue(body, Object.class);
    } catch (IOException notJson) {
      return body;
    }
  }
}
