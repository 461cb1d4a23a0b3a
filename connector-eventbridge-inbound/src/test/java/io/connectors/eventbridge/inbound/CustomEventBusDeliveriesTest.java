package io.connectors.eventbridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.camunda.connector.api.inbound.CorrelationRequest;
import io.camunda.connector.api.inbound.CorrelationResult;
import io.camunda.connector.api.inbound.webhook.WebhookHttpResponse;
import io.camunda.connector.api.inbound.webhook.WebhookTriggerResultContext;
import io.camunda.connector.feel.FeelEngineWrapper;
import io.connectors.eventbridge.inbound.http.EventOutcome;
import io.connectors.eventbridge.inbound.http.WebhookResponses;
import io.connectors.eventbridge.inbound.support.Properties;
import io.connectors.eventbridge.inbound.support.SubscriberDeliveries;
import io.connectors.eventbridge.inbound.support.TestWebhooks;
import io.connectors.eventbridge.testsupport.RuntimeBinding;
import io.connectors.eventbridge.testsupport.TestInboundContext;
import io.connectors.eventbridge.testsupport.TestPayload;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A Custom Event Bus subscriber's HTTP deliveries of an event published with {@code PutEvents},
 * through the whole {@code verify} path: the {@code RAW} and {@code WITH_METADATA} forms, the event
 * pattern on the event's data, {@code aws:EventId} as message ID, the subscriber's metadata in the
 * element's expressions, and replays of both bus kinds.
 */
class CustomEventBusDeliveriesTest {

  /** The runtime's own FEEL engine, as it evaluates the element's expressions. */
  private static final FeelEngineWrapper FEEL = new FeelEngineWrapper();

  private static final String BUS_EVENT_ID = "01JB8Z6W3QX7F9T2V5K4M8N0PR";
  private static final String DATA_ID = "6a7e8feb-b491-4cf7-a9f1-bf3703467718";

  /** {@code WITH_METADATA}, live. */
  private static final String WITH_METADATA =
      SubscriberDeliveries.withMetadata(BUS_EVENT_ID, DATA_ID, "o-1");

  @Nested
  class Forms {

    @Test
    void aRawDeliveryIsCorrelatedAsAnApiDestinationsWithTheEventsIdAsMessageId() {
      var context = new TestInboundContext(Properties.webhook().build());

      var response =
          TestWebhooks.activate(context)
              .verify(TestPayload.post(SubscriberDeliveries.raw(DATA_ID, "o-1")));

      assertThat(response.statusCode()).isEqualTo(200);
      var request = context.correlations().getFirst();
      assertThat(request.getMessageId()).isEqualTo(DATA_ID);
      assertThat(TestInboundContext.requestBody(request.getVariables()))
          .containsEntry("detail-type", "OrderPlaced");
      assertThat(connectorData(request)).isEmpty();
    }

    @Test
    void aWithMetadataDeliveryIsTheDataAsRequestBodyAndTheBusEventIdAsMessageId() {
      var context = new TestInboundContext(Properties.webhook().build());

      var response = verify(context, WITH_METADATA);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(((EventOutcome) response.body()).eventId()).isEqualTo(BUS_EVENT_ID);
      assertThat(((EventOutcome) response.body()).replay()).isNull();
      var request = context.correlations().getFirst();
      assertThat(request.getMessageId()).isEqualTo(BUS_EVENT_ID);
      assertThat(TestInboundContext.requestBody(request.getVariables()))
          .containsEntry("id", DATA_ID)
          .containsEntry("detail", Map.of("orderId", "o-1", "amount", 42))
          .doesNotContainKeys("Data", "SystemMetadata");
    }

    @Test
    void bothFormsAreRecognisedOnOneWebhookAndEachCanBeRequired() {
      var recognising = TestWebhooks.activate(new TestInboundContext(Properties.webhook().build()));
      assertThat(post(recognising, SubscriberDeliveries.raw(DATA_ID, "o-1"))).isEqualTo(200);
      assertThat(post(recognising, WITH_METADATA)).isEqualTo(200);

      var withMetadataOnly =
          TestWebhooks.activate(
              new TestInboundContext(
                  Properties.webhook().set("delivery.format.type", "withMetadata").build()));
      assertThat(post(withMetadataOnly, SubscriberDeliveries.raw(DATA_ID, "o-1"))).isEqualTo(400);

      var rawOnly =
          new TestInboundContext(Properties.webhook().set("delivery.format.type", "raw").build());
      verify(rawOnly, WITH_METADATA);
      assertThat(TestInboundContext.requestBody(rawOnly.correlations().getFirst().getVariables()))
          .containsKeys("Data", "SystemMetadata");
    }

    @Test
    void aBatchOfWithMetadataEventsIsCorrelatedPerEventWithItsPositionBesideItsMetadata() {
      var context = new TestInboundContext(Properties.webhook().build());
      var body =
          "["
              + SubscriberDeliveries.withMetadata("bus-1", "d-1", "o-1")
              + ","
              + SubscriberDeliveries.withMetadata("bus-2", "d-2", "o-2")
              + "]";

      var response = TestWebhooks.activate(context).verify(TestPayload.post(body));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(context.correlations())
          .extracting(CorrelationRequest::getMessageId)
          .containsExactly("bus-1", "bus-2");
      assertThat(connectorData(context.correlations().get(1)))
          .containsEntry("batchIndex", 1)
          .containsEntry("batchSize", 2)
          .containsEntry("eventId", "bus-2")
          .containsEntry("eventGroupId", "order-o-2");
    }
  }

  @Nested
  class PatternAndExpressions {

    @Test
    void theEventPatternIsMatchedAgainstTheDataAsASubscribersDataFilterIs() {
      var onData =
          new TestInboundContext(
              Properties.webhook()
                  .set(
                      "filter.eventPattern",
                      "{\"source\": [\"com.example.orders\"],"
                          + " \"detail\": {\"amount\": [{\"numeric\": [\">\", 40]}]}}")
                  .build());
      assertThat(post(TestWebhooks.activate(onData), WITH_METADATA)).isEqualTo(200);

      // A pattern on the wrapper's fields matches nothing: the wrapper is not the event.
      var onWrapper =
          new TestInboundContext(
              Properties.webhook()
                  .set("filter.eventPattern", "{\"Data\": {\"source\": [\"com.example.orders\"]}}")
                  .build());
      var response = verify(onWrapper, WITH_METADATA);
      assertThat(response.statusCode()).isEqualTo(422);
      assertThat(((EventOutcome) response.body()).outcome()).isEqualTo("NOT_MATCHED");
      assertThat(onWrapper.correlations()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSubscribersMetadataIsAvailableToTheElementsExpressions() {
      var context = new TestInboundContext(Properties.webhook().build());
      verify(context, WITH_METADATA);
      var variables = context.correlations().getFirst().getVariables();

      // Activation condition, correlation key and result expression, as the runtime evaluates them.
      assertThat(
              (Boolean)
                  FEEL.evaluate(
                      "=connectorData.deliveryType = \"LIVE\" and not(connectorData.replay)",
                      variables))
          .isTrue();
      assertThat((String) FEEL.evaluate("=connectorData.eventGroupId", variables))
          .isEqualTo("order-o-1");
      assertThat(
              (Map<String, Object>)
                  FEEL.evaluate(
                      "={orderId: request.body.detail.orderId, busEventId: connectorData.eventId,"
                          + " sequence: connectorData.sequenceNumber,"
                          + " source: get value(connectorData.systemMetadata, \"aws:Source\")}",
                      variables))
          .containsEntry("orderId", "o-1")
          .containsEntry("busEventId", BUS_EVENT_ID)
          .containsEntry("sequence", "10000000000000003000")
          .containsEntry("source", "com.example.orders");
    }

    @Test
    void aRuntimeThatCorrelatesItselfGetsTheDataAndTheMetadataToo() {
      var result =
          TestWebhooks.activate(new TestInboundContext(Properties.webhook().build()))
              .triggerWebhook(TestPayload.post(WITH_METADATA));

      assertThat(RuntimeBinding.asRuntimeSeesIt(result.request().body()))
          .containsEntry("id", DATA_ID);
      assertThat(result.connectorData()).containsEntry("eventId", BUS_EVENT_ID);
    }
  }

  @Nested
  class Replays {

    private static final String SUBSCRIBER_REPLAY =
        SubscriberDeliveries.withMetadata(BUS_EVENT_ID, DATA_ID, "o-1", "REPLAY");
    private static final String ARCHIVE_REPLAY =
        SubscriberDeliveries.archiveReplay(DATA_ID, "o-1", "orders-2026-10-01");

    @Test
    void byDefaultBothKindsAreCorrelatedAsUsualAndMarkedAsReplays() {
      for (var replay : new String[] {SUBSCRIBER_REPLAY, ARCHIVE_REPLAY}) {
        var context =
            new TestInboundContext(Properties.webhook().build())
                .answer(new CorrelationResult.Success.MessageAlreadyCorrelated(null));

        var response = TestWebhooks.activate(context).verify(TestPayload.post(replay));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat((EventOutcome) response.body())
            .extracting(EventOutcome::outcome, EventOutcome::replay)
            .containsExactly("DUPLICATE", true);
        assertThat(connectorData(context.correlations().getFirst())).containsEntry("replay", true);
      }
    }

    @Test
    void acknowledgedReplaysAreAnswered202AndNeverReachTheEngine() {
      for (var replay : new String[] {SUBSCRIBER_REPLAY, ARCHIVE_REPLAY}) {
        var context = new TestInboundContext(acknowledgingReplays().build());

        var response = TestWebhooks.activate(context).verify(TestPayload.post(replay));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat((EventOutcome) response.body())
            .extracting(EventOutcome::outcome, EventOutcome::replay)
            .containsExactly("REPLAY_ACKNOWLEDGED", true);
        assertThat(context.correlations()).isEmpty();
      }
    }

    @Test
    void acknowledgingReplaysLeavesLiveEventsOfTheSameBatchAlone() {
      var context = new TestInboundContext(acknowledgingReplays().build());
      var body =
          "["
              + SubscriberDeliveries.withMetadata("bus-1", "d-1", "o-1")
              + ","
              + SubscriberDeliveries.withMetadata("bus-2", "d-2", "o-2", "REPLAY")
              + "]";

      var response = TestWebhooks.activate(context).verify(TestPayload.post(body));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(((WebhookResponses.BatchAnswer) response.body()).results())
          .extracting(EventOutcome::eventId, EventOutcome::status, EventOutcome::outcome)
          .containsExactly(
              tuple("bus-1", 200, "PROCESS_INSTANCE_CREATED"),
              tuple("bus-2", 202, "REPLAY_ACKNOWLEDGED"));
      assertThat(context.correlations())
          .extracting(CorrelationRequest::getMessageId)
          .containsExactly("bus-1");
    }

    @Test
    void theMetricsCountReplaysUnderTheEventsMeterTaggedAsSuch() {
      var registry = new SimpleMeterRegistry();
      try (var resources = WebhookResources.start(registry)) {
        var webhook =
            TestWebhooks.activate(
                new TestInboundContext(acknowledgingReplays().build()), resources);
        webhook.verify(TestPayload.post(SUBSCRIBER_REPLAY));
        webhook.verify(TestPayload.post(ARCHIVE_REPLAY));
        webhook.verify(TestPayload.post(SubscriberDeliveries.raw(DATA_ID, "o-1")));
      }

      assertThat(
              registry
                  .get("eventbridge.webhook.events")
                  .tags("outcome", "REPLAY_ACKNOWLEDGED", "delivery", "replay")
                  .counter()
                  .count())
          .isEqualTo(2);
      assertThat(
              registry
                  .get("eventbridge.webhook.events")
                  .tags("outcome", "PROCESS_INSTANCE_CREATED", "delivery", "live")
                  .counter()
                  .count())
          .isEqualTo(1);
    }

    private static Properties acknowledgingReplays() {
      return Properties.webhook().set("delivery.replays", "acknowledge");
    }
  }

  @Nested
  class TimeBudget {

    @Test
    void thirtySecondsTheLongestSubscriberTimeoutAreAccepted() {
      var context =
          new TestInboundContext(Properties.webhook().set("timeBudgetMillis", "30000").build());

      var webhook = TestWebhooks.activate(context);

      assertThat(context.health().getStatus()).hasToString("UP");
      assertThat(webhook.requestContract().orElseThrow().timeBudget())
          .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void moreThanThirtySecondsStillActivateAndUseThirty() {
      // Valid before the limit existed: a deployed diagram with such a value keeps working.
      for (var tooLong : new String[] {"30001", "31000"}) {
        var context =
            new TestInboundContext(Properties.webhook().set("timeBudgetMillis", tooLong).build());

        var webhook = TestWebhooks.activate(context);

        assertThat(context.health().getStatus()).hasToString("UP");
        assertThat(webhook.requestContract().orElseThrow().timeBudget())
            .isEqualTo(Duration.ofSeconds(30));
      }
    }
  }

  private static WebhookHttpResponse verify(TestInboundContext context, String body) {
    return TestWebhooks.activate(context).verify(TestPayload.post(body));
  }

  private static int post(EventBridgeWebhookExecutable webhook, String body) {
    return webhook.verify(TestPayload.post(body)).statusCode();
  }

  private static Map<String, Object> connectorData(CorrelationRequest request) {
    return ((WebhookTriggerResultContext) request.getVariables()).connectorData();
  }
}
