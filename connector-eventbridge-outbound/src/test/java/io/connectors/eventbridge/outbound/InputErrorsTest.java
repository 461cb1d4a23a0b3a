package io.connectors.eventbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.connector.api.error.ConnectorInputException;
import io.connectors.eventbridge.outbound.model.PutEventsRequest;
import jakarta.validation.ValidationException;
import org.junit.jupiter.api.Test;

/**
 * Binding and validation failures as the runtime raises them, rewritten to name the user's fields.
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
  void constraintViolationsLoseTheValidatorsWording() {
    var raised =
        new ConnectorInputException(
            new ValidationException(
                "Found constraints violated while validating input: \n"
                    + " - Property: configuration.region: Validation failed. Original message: must be an AWS region code such as eu-central-1\n"
                    + " - Property: configuration.entryAttempts: Validation failed. Original message: must be at most 10"));

    assertThat(InputErrors.translate(raised).getMessage())
        .isEqualTo(
            "Invalid input: configuration.region: must be an AWS region code such as eu-central-1; configuration.entryAttempts: must be at most 10");
  }
}
