package io.connectors.eventbridge.inbound.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.connector.api.error.ConnectorInputException;
import io.connectors.eventbridge.inbound.model.Authorization;
import io.connectors.eventbridge.inbound.model.Defaults;
import io.connectors.eventbridge.inbound.model.DeliveryFormat;
import io.connectors.eventbridge.inbound.model.PayloadDecryption;
import io.connectors.eventbridge.inbound.model.ReplayHandling;
import io.connectors.eventbridge.inbound.model.WebhookElementProperties;
import io.connectors.eventbridge.inbound.support.Properties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What Modeler writes for each kind of property, read the way the connector must read it. */
class ElementPropertiesBinderTest {

  private static WebhookElementProperties bind(Properties properties) {
    return ElementPropertiesBinder.bind(properties.build(), WebhookElementProperties.class);
  }

  @ParameterizedTest(name = "consumeUnmatchedEvents {0} -> {1}")
  @CsvSource({"=false,false", "=true,true", "false,false", "true,true", "= true ,true"})
  void booleanCheckboxesBindWithAndWithoutFeel(String written, boolean expected) {
    assertThat(bind(Properties.webhook().consumeUnmatched(written)).consumesUnmatched())
        .isEqualTo(expected);
  }

  @Test
  void aBooleanInsideAGroupBindsFromFeel() {
    var bound =
        bind(
            Properties.webhook()
                .set("decryption.type", "awsEncryptionSdk")
                .set("decryption.key", "pcjdIJJuRVY4UXIFi3CpDHyGOsSlz4u1onyi8zhpAsQ=")
                .set("decryption.allowPlaintextPayload", "=true"));
    assertThat(bound.inbound().decryption())
        .isInstanceOfSatisfying(
            PayloadDecryption.AwsEncryptionSdk.class,
            odw -> assertThat(odw.allowPlaintextPayload()).isTrue());
  }

  @ParameterizedTest(name = "maxBodyBytes {0}")
  @CsvSource({"2048", "=2048", "=1024 * 2"})
  void numbersBindAsTextOrFeel(String written) {
    assertThat(bind(Properties.webhook().set("maxBodyBytes", written)).inbound().maxBodyBytes())
        .isEqualTo(2048);
  }

  @Test
  void textIsTakenAsItIsEvenWhenASecretStartsWithEquals() {
    var bound =
        bind(
            Properties.webhook()
                .set("auth.type", "basic")
                .set("auth.username", "ops")
                .set("auth.password", "=1+1"));
    assertThat(bound.inbound().auth())
        .isInstanceOfSatisfying(
            Authorization.Basic.class, basic -> assertThat(basic.password()).isEqualTo("=1+1"));
  }

  @Test
  void perRequestExpressionsStayExpressions() {
    var located =
        bind(
            Properties.webhook()
                .set("auth.type", "apiKey")
                .set("auth.apiKey", "k")
                .set("auth.apiKeyLocator", "=request.headers.key"));
    var locator = ((Authorization.ApiKey) located.inbound().auth()).apiKeyLocator();
    assertThat(locator.apply(Map.of("request", Map.of("headers", Map.of("key", "v")))))
        .isEqualTo("v");
  }

  @Test
  void propertiesModelerRemovedTakeTheirDefaults() {
    var properties = Properties.webhook();
    ((Map<?, ?>) properties.build().get("inbound")).remove("method");
    var bound = bind(properties);
    assertThat(bound.inbound().method()).isEqualTo("post");
    assertThat(bound.consumesUnmatched()).isFalse();
  }

  @Test
  void withoutTheDeliveryGroupEveryFormIsRecognisedAndReplaysCorrelate() {
    var delivery = bind(Properties.webhook()).inbound().delivery();
    assertThat(delivery.format()).isInstanceOf(DeliveryFormat.Recognise.class);
    assertThat(delivery.replays()).isEqualTo(ReplayHandling.of(Defaults.REPLAY_HANDLING));
    assertThat(delivery.replays()).isEqualTo(ReplayHandling.CORRELATE);
  }

  @Test
  void theDeliveryChoicesBind() {
    var delivery =
        bind(Properties.webhook()
                .set("delivery.format.type", "withMetadata")
                .set("delivery.replays", "acknowledge"))
            .inbound()
            .delivery();
    assertThat(delivery.format()).isInstanceOf(DeliveryFormat.WithMetadata.class);
    assertThat(delivery.replays()).isEqualTo(ReplayHandling.ACKNOWLEDGE);
    assertThatThrownBy(() -> bind(Properties.webhook().set("delivery.replays", "drop")))
        .isInstanceOf(ConnectorInputException.class)
        .hasMessageStartingWith("inbound.delivery.replays");
  }

  @Test
  void aWrongValueNamesThePathAndNeverTheValue() {
    assertThatThrownBy(() -> bind(Properties.webhook().consumeUnmatched("=\"supersecret\"")))
        .isInstanceOf(ConnectorInputException.class)
        .hasMessage("consumeUnmatchedEvents: must be true or false");

    assertThatThrownBy(() -> bind(Properties.webhook().set("maxBodyBytes", "supersecret")))
        .hasMessage("inbound.maxBodyBytes: must be a whole number");
  }

  @Test
  void anExpressionThatFailsNamesThePathOnly() {
    assertThatThrownBy(() -> bind(Properties.webhook().set("maxBodyBytes", "=supersecret(")))
        .isInstanceOf(ConnectorInputException.class)
        .hasMessage("inbound.maxBodyBytes: the FEEL expression could not be evaluated");
  }

  @Test
  void constraintsAreStillChecked() {
    assertThatThrownBy(() -> bind(Properties.webhook().set("maxBodyBytes", "=0")))
        .isInstanceOf(ConnectorInputException.class)
        .hasMessageContaining("maxBodyBytes");
  }

  @Test
  void aMessageTtlThatIsNoDurationNamesTheField() {
    MessageTtl.check(Map.of("messageTtl", "PT1H"));
    MessageTtl.check(Map.of("messageTtl", "=ttl"));
    MessageTtl.check(Map.of("messageTtl", ""));
    assertThatThrownBy(() -> MessageTtl.check(Map.of("messageTtl", "1 hour")))
        .isInstanceOf(ConnectorInputException.class)
        .hasMessageStartingWith("messageTtl (Message TTL): must be an ISO-8601 duration");
  }
}
