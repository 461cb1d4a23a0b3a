package io.connectors.eventbridge.runtime.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.connector.api.inbound.Activity;
import io.camunda.connector.runtime.core.inbound.activitylog.ActivityLogRegistry;
import io.camunda.connector.runtime.inbound.webhook.WebhookConnectorRegistry;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A Custom Event Bus subscriber's {@code WITH_METADATA} deliveries on the real runtime: the runtime
 * itself evaluates the element's activation condition, correlation key and result expression over
 * the subscriber's metadata ({@code connectorData}), Zeebe deduplicates on {@code aws:EventId}, and
 * a replay the element only acknowledges publishes nothing and is named as a replay in the
 * element's activity log.
 */
@LocalRuntimeTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomEventBusWebhookRuntimeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEBHOOK = "eb-inbound-subscriber";

  @Autowired LocalRuntime runtime;
  @Autowired ActivityLogRegistry activityLog;
  @Autowired WebhookConnectorRegistry webhooks;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void deployAndAwaitWebhook() {
    runtime.deployResource("bpmn/inbound/eventbridge-subscriber-message-start-event.bpmn");
    runtime.awaitWebhook(WEBHOOK, TIMEOUT);
  }

  @Test
  void theRuntimesExpressionsReadTheSubscribersMetadataAndTheBusEventIdDeduplicates()
      throws Exception {
    var delivery = withMetadata("bus-evt-1", "data-1", "o-sub-1", "group-1", "LIVE");

    var first = post(delivery);
    var again = post(delivery);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(body(first).get("outcome").asText()).isEqualTo("MESSAGE_PUBLISHED");
    assertThat(body(first).get("eventId").asText()).isEqualTo("bus-evt-1");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(body(again).get("outcome").asText()).isEqualTo("DUPLICATE");
    var completed = runtime.awaitCompleted(awaitInstance("bus-evt-1"), TIMEOUT);
    assertThat(completed.variables())
        .containsEntry("orderId", "o-sub-1")
        .containsEntry("busEventId", "bus-evt-1")
        .containsEntry("eventGroupId", "group-1")
        .containsEntry("sequenceNumber", "10000000000000003000")
        .containsEntry("busSource", "com.example.orders");
    assertThat(instancesWithBusEventId("bus-evt-1")).isEqualTo(1);
  }

  @Test
  void anActivationConditionOnTheMetadataDecides() throws Exception {
    var withoutGroup =
        withMetadata("bus-evt-2", "data-2", "o-sub-2", "group-2", "LIVE")
            .replace(",\"EventGroupId\":\"group-2\"", "");

    var response = post(withoutGroup);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(body(response).get("outcome").asText()).isEqualTo("NOT_MATCHED");
    assertThat(instancesWithBusEventId("bus-evt-2")).isZero();
  }

  @Test
  void aReplayIsAcknowledgedAndPublishesNothing() throws Exception {
    var response = post(withMetadata("bus-evt-3", "data-3", "o-sub-3", "group-3", "REPLAY"));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(body(response).get("outcome").asText()).isEqualTo("REPLAY_ACKNOWLEDGED");
    assertThat(body(response).get("replay").asBoolean()).isTrue();
    // A live event posted after it is published and completes; the replay never started one.
    assertThat(post(withMetadata("bus-evt-4", "data-4", "o-sub-4", "group-4", "LIVE")).statusCode())
        .isEqualTo(200);
    runtime.awaitCompleted(awaitInstance("bus-evt-4"), TIMEOUT);
    assertThat(instancesWithBusEventId("bus-evt-3")).isZero();
    var executable = webhooks.getActiveWebhook(WEBHOOK).orElseThrow().id();
    assertThat(activityLog.getLogs(executable))
        .extracting(Activity::message)
        .contains("Answered 202: REPLAY_ACKNOWLEDGED (replayed event)");
  }

  /** What a {@code WITH_METADATA} subscriber posts for an event published with PutEvents. */
  private static String withMetadata(
      String busEventId, String dataId, String orderId, String group, String deliveryType) {
    return """
    {"Data":{"version":"0","id":"%s","detail-type":"OrderPlaced","source":"com.example.orders",\
    "account":"111122223333","time":"2026-10-01T12:00:00Z","region":"eu-west-1","resources":[],\
    "detail":{"orderId":"%s","amount":42}},\
    "SystemMetadata":{"ContentType":"application/eventbridge+json","aws:EventId":"%s",\
    "aws:IngestionTime":"2026-10-01T12:00:00Z","aws:DeliveryType":"%s",\
    "aws:SequenceNumber":"10000000000000003000","aws:Source":"com.example.orders",\
    "aws:DetailType":"OrderPlaced","EventGroupId":"%s"}}\
    """
        .formatted(dataId, orderId, busEventId, deliveryType, group);
  }

  private HttpResponse<String> post(String body) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(runtime.webhookUrl(WEBHOOK))
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode body(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  /** The key of the instance the event with this bus event ID started, once there is one. */
  private long awaitInstance(String busEventId) {
    return LocalRuntime.await(
        "an instance started by " + busEventId,
        TIMEOUT,
        () ->
            runtime.instanceKeys(WEBHOOK).stream()
                .filter(key -> busEventId.equals(runtime.variables(key).get("busEventId")))
                .findFirst());
  }

  private long instancesWithBusEventId(String busEventId) {
    return runtime.instanceKeys(WEBHOOK).stream()
        .filter(key -> busEventId.equals(runtime.variables(key).get("busEventId")))
        .count();
  }
}
