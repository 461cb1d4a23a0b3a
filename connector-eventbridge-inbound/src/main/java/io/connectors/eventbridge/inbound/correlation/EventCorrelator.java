package io.connectors.eventbridge.inbound.correlation;

import com.fasterxml.jackson.databind.JsonNode;
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
   * @param messageId the event's {@code id}; the runtime uses it as the message ID unless the
   *     element sets its own message ID expression, so a redelivery is deduplicated by Zeebe
   */
  public EventOutcome correlate(
      JsonNode event,
      String messageId,
      Map<String, String> headers,
      Map<String, String> params,
      Map<String, Object> connectorData) {
    // headers arrive without credentials (WebhookRequest#headersWithoutCredentials). The body
    // stays a JsonNode: the runtime converts the variables to a map itself, with its own mapper,
    // for every expression it evaluates and when it sends them, so a map made here would be
    // converted again (a copy of the whole event per request for nothing).
    var variables =
        new WebhookTriggerResultContext(
            new MappedHttpRequest(event, headers, params), connectorData, List.of());
    var request = CorrelationRequest.builder().variables(variables).messageId(messageId).build();
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
