package io.connectors.eventbridge.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.connector.runtime.inbound.webhook.WebhookConnectorRegistry;
import jakarta.servlet.ServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The streaming limit, for chunked bodies (no Content-Length) on webhooks and on a further {@link
 * BodyLimitedPath} (as local mode declares for its bus).
 */
class WebhookBodyLimitFilterTest {

  private static final int LIMIT = 16;

  private final WebhookBodyLimitFilter filter =
      new WebhookBodyLimitFilter(
          LIMIT,
          new WebhookContracts(new WebhookConnectorRegistry()),
          new StaticListableBeanFactory(Map.of("bus", new BodyLimitedPath("/local-eventbridge")))
              .getBeanProvider(BodyLimitedPath.class));

  @ParameterizedTest
  @ValueSource(strings = {"/inbound/orders", "/local-eventbridge", "/local-eventbridge/"})
  void aChunkedBodyOverTheLimitIs413AndGoesNoFurther(String path) throws Exception {
    var passedOn = new AtomicReference<ServletRequest>();
    var response = new MockHttpServletResponse();

    filter.doFilter(
        chunked(path, "{\"pad\":\"" + "x".repeat(100) + "\"}"),
        response,
        (request, ignored) -> passedOn.set(request));

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(response.getContentAsString()).contains("body larger than 16 bytes");
    assertThat(passedOn.get()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/inbound/orders", "/local-eventbridge"})
  void aChunkedBodyWithinTheLimitGoesOnWhole(String path) throws Exception {
    var passedOn = new AtomicReference<ServletRequest>();

    filter.doFilter(
        chunked(path, "{\"id\":\"a\"}"),
        new MockHttpServletResponse(),
        (request, ignored) -> passedOn.set(request));

    assertThat(new String(passedOn.get().getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("{\"id\":\"a\"}");
    assertThat(passedOn.get().getContentLengthLong()).isEqualTo(10);
  }

  /** A request without Content-Length, as Transfer-Encoding: chunked arrives. */
  private static MockHttpServletRequest chunked(String path, String body) {
    var request =
        new MockHttpServletRequest("POST", path) {
          @Override
          public long getContentLengthLong() {
            return -1;
          }

          @Override
          public int getContentLength() {
            return -1;
          }
        };
    request.setContentType("application/json");
    request.setContent(body.getBytes(StandardCharsets.UTF_8));
    return request;
  }
}
