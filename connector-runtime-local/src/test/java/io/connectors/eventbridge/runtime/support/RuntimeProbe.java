package io.connectors.eventbridge.runtime.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** What a test reads from any running connector runtime over HTTP, local or production. */
final class RuntimeProbe {

  private static final HttpClient PROBE =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private RuntimeProbe() {}

  /**
   * The health object of the newest inbound connector of {@code bpmnProcessId} in the runtime's
   * {@code GET /inbound}, if it lists one.
   */
  static Optional<JsonNode> inboundHealth(URI base, String bpmnProcessId) {
    try {
      var response =
          PROBE.send(
              HttpRequest.newBuilder(base.resolve("/inbound")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return Optional.empty();
      }
      JsonNode newest = null;
      for (JsonNode connector : JSON.readTree(response.body())) {
        boolean ofProcess = false;
        for (JsonNode element : connector.path("elements")) {
          ofProcess |= bpmnProcessId.equals(element.path("bpmnProcessId").asText());
        }
        if (ofProcess
            && (newest == null
                || connector.path("activationTimestamp").asLong()
                    >= newest.path("activationTimestamp").asLong())) {
          newest = connector;
        }
      }
      return Optional.ofNullable(newest).map(connector -> connector.path("health"));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Scrapes {@code /actuator/prometheus} and sums the samples of {@code metric} (the Prometheus
   * name, e.g. {@code eventbridge_localbus_deliveries_total}) whose labels contain every one of
   * {@code labels} (e.g. {@code outcome="delivered"}).
   */
  static double metric(URI base, String metric, String... labels) {
    try {
      var response =
          PROBE.send(
              HttpRequest.newBuilder(base.resolve("/actuator/prometheus")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("/actuator/prometheus answered " + response.statusCode());
      }
      double sum = 0;
      for (String line : response.body().split("\n")) {
        if (!line.startsWith(metric + "{") && !line.startsWith(metric + " ")) {
          continue;
        }
        String series = line.substring(0, line.lastIndexOf(' '));
        if (Arrays.stream(labels).allMatch(series::contains)) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return sum;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while scraping metrics", e);
    }
  }
}
