package io.connectors.eventbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.connector.api.error.ConnectorInputException;
import io.connectors.eventbridge.outbound.metrics.OutboundMetrics;
import io.connectors.eventbridge.outbound.model.PutEventsRequest;
import io.connectors.eventbridge.testsupport.TestOutboundContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * Binding failures as the runtime raises them, and constraint violations as the connector finds
 * them, rewritten to name the user's fields.
 */
class InputErrorsTest {

  private static ConnectorInputException bindingFailure(String json) {
    var failure =
        catchThrowableOfType(
            JsonProcessingException.class,
            () -> new ObjectMapper().readValue(json, PutEventsRequest.class));
    // What the runtime's JobHandlerContext wraps it in.
    return new ConnectorInputException(failure.getOriginalMessage(), failure);
  }

  @Test
  void eventsGivenAsTextNameTheFieldAndNoJavaType() {
    var translated =
        InputErrors.translate(
            bindingFailure("{\"event\": {\"mode\": \"batch\", \"events\": \"oops\"}}"));

    assertThat(translated.getMessage())
        .startsWith("Invalid input: event.events: must be a list")
        .doesNotContain("io.connectors", "java.", "EventEntry", "Exception");
  }

  @Test
  void anUnknownModeNamesTheDiscriminator() {
    var translated = InputErrors.translate(bindingFailure("{\"event\": {\"mode\": \"many\"}}"));

    assertThat(translated.getMessage())
        .isEqualTo(
            "Invalid input: event: must be one of the modes the template offers, not \"many\"");
  }

  @Test
  void anUnknownFieldIsNamedAsSuch() {
    var translated =
        InputErrors.translate(
            bindingFailure(
                "{\"event\": {\"mode\": \"batch\", \"events\": [{\"source\": \"s\", \"detailTyp\": \"T\"}]}}"));

    assertThat(translated.getMessage())
        .isEqualTo("Invalid input: event.events[0].detailTyp: is not a field of this connector");
  }

  @Test
  void constraintViolationsNameTheFieldAndTheConstraintsOwnMessage() {
    // Bound, and validated, as the runtime does it: by the SDK's provider.
    var context =
        TestOutboundContext.jobThatMustNotBeRead(
            "{\"authentication\": {\"type\": \"defaultCredentialsChain\"},"
                + " \"configuration\": {\"region\": \"Frankfurt\", \"entryAttempts\": 11},"
                + " \"event\": {\"mode\": \"single\", \"source\": \"s\", \"detailType\": \"T\","
                + " \"detail\": {}}}");
    assertThatThrownBy(() -> connectorForInvalidInput().execute(context))
        .isInstanceOf(ConnectorInputException.class)
        .hasMessage(
            "Invalid input: configuration.entryAttempts: must be at most 10; configuration.region: must be an AWS region code such as eu-central-1");
  }

  @Test
  void aCustomEventBusIsCheckedAsTheOtherGroupsAre() {
    var context =
        TestOutboundContext.jobThatMustNotBeRead(
            "{\"authentication\": {\"type\": \"defaultCredentialsChain\"},"
                + " \"configuration\": {\"region\": \"eu-central-1\"},"
                + " \"bus\": {\"kind\": \"customEventBus\","
                + " \"eventBusArn\": \"arn:aws:events:eu-central-1:123456789012:event-bus/orders\","
                + " \"deduplication\": \"always\"},"
                + " \"event\": {\"mode\": \"single\", \"source\": \"s\", \"detailType\": \"T\","
                + " \"detail\": {}}}");
    assertThatThrownBy(() -> connectorForInvalidInput().execute(context))
        .isInstanceOf(ConnectorInputException.class)
        .hasMessage(
            "Invalid input: bus.deduplication: must be job, contentBased or givenId; bus.eventBusArn: must be a Custom Event Bus ARN: arn:aws:events:<region>:<account>:event-busv2/<name>/<id>");
  }

  private static EventBridgePutEventsFunction connectorForInvalidInput() {
    return new EventBridgePutEventsFunction(
        (authentication, configuration) -> {
          throw new AssertionError("invalid input must not reach a client");
        },
        new OutboundMetrics(new SimpleMeterRegistry(), () -> 0));
  }
}
