package io.connectors.eventbridge.inbound.correlation;

import io.camunda.connector.api.inbound.CorrelationRequest;
import io.camunda.connector.api.inbound.InboundConnectorContext;
import io.camunda.connector.api.inbound.webhook.MappedHttpRequest;
import io.camunda.connector.api.inbound.webhook.WebhookTriggerResultContext;
import io.connectors.eventbridge.inbound.http.EventOutcome;
import java.util.List;
import java.util.Map;

/**
 * Hands one event to the runtime, which evaluates the element's activation condition, correlation
 * key, message ID, TTL and result mapping, then creates the instance or publishes the message.
 *
 * <p>The variables have the same shape the stock webhook controller uses ({@code request.body},
 * {@code request.headers}, {@code request.params}, {@code connectorData}), so every expression
 * users know from Camunda's webhook works unchanged, per event.
 */
public final class EventCorrelator {

  private final InboundConnectorContext context;
  private final boolean consumeUnmatched;

  /**
   * @param consumeUnmatched the element's setting as we bound it; the runtime's own reading of it
   *     ({@code Boolean.parseBoolean}) takes Modeler's {@code =true} for false
   */
  public EventCorrelator(InboundConnectorContext context, boolean consumeUnmatched) {
    this.context = context;
    this.consumeUnmatched = consumeUnmatched;
  }

  /**
   * @param variables the event as {@code request.body}, and the request's headers and parameters
   *     without credentials
   * @param messageId the event's {@code id}; the runtime uses it as the message ID unless the
   *     element sets its own message ID expression, so a redelivery is deduplicated by Zeebe
   */
  public EventOutcome correlate(
      MappedHttpRequest variables, String messageId, Map<String, Object> connectorData) {
    var request =
        CorrelationRequest.builder()
            .variables(new WebhookTriggerResultContext(variables, connectorData, List.of()))
            .messageId(messageId)
            .build();
    try {
      return CorrelationOutcomes.of(context.correlate(request), messageId, consumeUnmatched);
    } catch (RuntimeException failed) {
      // Some runtimes throw instead of returning a Failure when an element expression cannot be
      // evaluated against this event (8.8 does, for a message ID expression that fails). The same
      // mapping applies as for a returned Failure.Other: 422 unless it is engine trouble.
      return CorrelationOutcomes.ofThrowable(failed, messageId);
    }
  }
}
