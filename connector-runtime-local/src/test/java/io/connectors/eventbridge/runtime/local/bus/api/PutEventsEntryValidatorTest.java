package io.connectors.eventbridge.runtime.local.bus.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PutEventsEntryValidatorTest {

  private final PutEventsEntryValidator validator = new PutEventsEntryValidator(new ObjectMapper());

  @Test
  void detailTypeMayHave128CharactersButNotMore() {
    assertThat(validator.validate(entry("x".repeat(128), "{}"))).isEmpty();
    assertThat(validator.validate(entry("x".repeat(129), "{}")))
        .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("InvalidArgument"));
  }

  @Test
  void detailMustBeAJsonObject() {
    assertThat(validator.validate(entry("t", "\"text\""))).hasValue(EntryError.malformedDetail());
    assertThat(validator.validate(entry("t", "{not json"))).hasValue(EntryError.malformedDetail());
    assertThat(validator.validate(entry("t", "{\"nested\":{\"ok\":true}}"))).isEmpty();
  }

  @Test
  void busNamesAndResourcesFollowTheSharedRules() {
    var partnerBus =
        new PutEventsEntry(
            "shop.checkout", "t", "{}", "aws.partner/example.com/1/orders", List.of(), null, null);
    var notAnArn =
        new PutEventsEntry(
            "shop.checkout", "t", "{}", null, List.of("arn:aws:s3:::ok", "arn:x"), null, null);

    assertThat(validator.validate(partnerBus))
        .hasValueSatisfying(
            e -> {
              assertThat(e.code()).isEqualTo("InvalidArgument");
              assertThat(e.message()).startsWith("Parameter EventBusName is not valid.");
            });
    assertThat(validator.validate(notAnArn))
        .hasValueSatisfying(
            e ->
                assertThat(e.message())
                    .isEqualTo(
                        "Parameter Resources is not valid. Reason: Resources[1] must be an ARN"
                            + " such as arn:aws:s3:::my-bucket."));
  }

  @Test
  void aTimeThatIsNeitherEpochSecondsNorRfc3339IsInvalid() {
    var nodes = JsonNodeFactory.instance;
    var epoch =
        new PutEventsEntry(
            "shop.checkout", "t", "{}", null, List.of(), nodes.numberNode(1763805600), null);
    var text =
        new PutEventsEntry(
            "shop.checkout", "t", "{}", null, List.of(), nodes.textNode("yesterday"), null);

    assertThat(validator.validate(epoch)).isEmpty();
    assertThat(validator.validate(text))
        .hasValueSatisfying(e -> assertThat(e.message()).contains("Parameter Time"));
  }

  @Test
  void timeIsEpochSecondsAsTheSdkSendsItOrRfc3339() {
    var nodes = JsonNodeFactory.instance;
    assertThat(PutEventsEntryValidator.parseTime(nodes.numberNode(1763805600.5)))
        .contains(Instant.ofEpochMilli(1763805600500L));
    assertThat(PutEventsEntryValidator.parseTime(nodes.textNode("2026-11-22T10:00:00+01:00")))
        .contains(Instant.parse("2026-11-22T09:00:00Z"));
    assertThat(PutEventsEntryValidator.parseTime(nodes.textNode("yesterday"))).isEmpty();
  }

  @Test
  void sizeFollowsTheAwsFormula() {
    var entry =
        new PutEventsEntry(
            "src",
            "type",
            "{}",
            null,
            List.of("arn:aws:s3:::b"),
            JsonNodeFactory.instance.numberNode(1),
            null);
    assertThat(PutEventsRequestReader.sizeOf(entry)).isEqualTo(14 + 3 + 4 + 2 + 14);
  }

  private static PutEventsEntry entry(String detailType, String detail) {
    return new PutEventsEntry("shop.checkout", detailType, detail, null, List.of(), null, null);
  }
}
