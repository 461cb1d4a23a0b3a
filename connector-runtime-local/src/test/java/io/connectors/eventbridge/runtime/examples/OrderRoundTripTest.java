package io.connectors.eventbridge.runtime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.eventbridge.runtime.support.CompletedInstance;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The order round trip of bpmn-examples/, end to end in local mode with nothing mocked: checkout
 * puts OrderPlaced with the outbound connector (through the runtime's job worker and the real AWS
 * SDK) on the local bus; the committed bus rules deliver it, as an API destination with an API key,
 * to the fulfilment process's message start webhook; checkout then puts PaymentConfirmed (batch
 * mode), which the bus delivers to the intermediate catch event's webhook, correlated by order id.
 */
@LocalRuntimeTest
class OrderRoundTripTest {

  private static final Path EXAMPLES = Path.of("..", "bpmn-examples");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Autowired LocalRuntime runtime;

  @BeforeAll
  static void examplesExist() {
    assertThat(EXAMPLES.resolve("checkout.bpmn")).exists();
  }

  @Test
  @SuppressWarnings("unchecked")
  void anOrderPlacedInCheckoutIsFulfilledAfterItsPaymentIsConfirmed() throws Exception {
    long checkoutKey =
        startCheckout(
            "checkout",
            Map.of("orderId", "A-1001", "total", 42.5, "customer", Map.of("name", "Ada")));

    CompletedInstance checkout = runtime.awaitCompleted(checkoutKey, TIMEOUT);
    Map<String, Object> orderPlaced = (Map<String, Object>) checkout.variables().get("orderPlaced");
    assertThat(orderPlaced).containsEntry("failedEntryCount", 0);
    List<String> eventIds = (List<String>) orderPlaced.get("eventIds");
    assertThat(eventIds).hasSize(1);
    assertThat((List<Map<String, Object>>) orderPlaced.get("entries"))
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.get("eventId")).isEqualTo(eventIds.getFirst());
              assertThat(entry.get("errorCode")).isNull();
            });
    assertThat((List<String>) orderPlaced.get("requestIds"))
        .hasSize(1)
        .first()
        .isEqualTo(orderPlaced.get("requestId"));
    assertThat(checkout.variables())
        .containsEntry("paymentPutCalls", 1)
        .containsKey("paymentEventId");

    CompletedInstance fulfilment =
        runtime.awaitCompleted("fulfilment", "orderId", "A-1001", TIMEOUT);
    assertThat(fulfilment.variables())
        .containsEntry("total", 42.5)
        .containsEntry("customer", Map.of("name", "Ada"))
        .containsEntry("paymentId", "pay-A-1001")
        .containsEntry("paidAmount", 42.5)
        // The webhook saw the very event the outbound connector put: its id came from PutEvents.
        .containsEntry("orderEventId", eventIds.getFirst());
  }

  /**
   * The same round trip over the local Custom Event Bus: checkout-custom-bus.bpmn puts both events
   * in the order's event group with deduplication IDs derived from the job (Smithy RPC v2 CBOR,
   * through the same job worker), and the bus's subscribers in the committed rules file deliver
   * OrderPlaced RAW and PaymentConfirmed WITH_METADATA to the same fulfilment webhooks.
   */
  @Test
  @SuppressWarnings("unchecked")
  void theSameRoundTripRunsOverTheCustomEventBus() throws Exception {
    long checkoutKey =
        startCheckout(
            "checkout-custom-bus",
            Map.of("orderId", "B-2002", "total", 17.25, "customer", Map.of("name", "Grace")));

    CompletedInstance checkout = runtime.awaitCompleted(checkoutKey, TIMEOUT);
    Map<String, Object> orderPlaced = (Map<String, Object>) checkout.variables().get("orderPlaced");
    assertThat(orderPlaced).containsEntry("failedEntryCount", 0);
    List<String> eventIds = (List<String>) orderPlaced.get("eventIds");
    assertThat((List<Map<String, Object>>) orderPlaced.get("entries"))
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.get("eventId")).isEqualTo(eventIds.getFirst());
              assertThat(entry.get("successCode")).isEqualTo("PUBLISHED");
              assertThat(entry.get("sequenceNumber")).isNotNull();
            });

    CompletedInstance fulfilment =
        runtime.awaitCompleted("fulfilment", "orderId", "B-2002", TIMEOUT);
    assertThat(fulfilment.variables())
        .containsEntry("total", 17.25)
        .containsEntry("customer", Map.of("name", "Grace"))
        .containsEntry("paymentId", "pay-B-2002")
        .containsEntry("paidAmount", 17.25)
        .containsEntry("orderEventId", eventIds.getFirst());
  }

  /**
   * Deploys the round trip (the committed bus rules, fulfilment and the given checkout), waits for
   * fulfilment's webhooks, and starts a checkout with {@code variables}.
   */
  private long startCheckout(String checkoutProcessId, Map<String, Object> variables)
      throws Exception {
    runtime.writeBusRules(Files.readString(EXAMPLES.resolve("local-bus-rules.yaml")));
    runtime.deploy(EXAMPLES.resolve("fulfilment.bpmn"));
    runtime.deploy(EXAMPLES.resolve(checkoutProcessId + ".bpmn"));
    runtime.awaitWebhook("orders", TIMEOUT);
    runtime.awaitWebhook("payments", TIMEOUT);
    return runtime
        .client()
        .newCreateInstanceCommand()
        .bpmnProcessId(checkoutProcessId)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }
}
