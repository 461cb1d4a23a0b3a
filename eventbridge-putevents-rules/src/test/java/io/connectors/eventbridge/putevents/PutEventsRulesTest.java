package io.connectors.eventbridge.putevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.eventbridge.putevents.EntryProblem.Rule;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PutEventsRulesTest {

  private final PutEventsRules rules = new PutEventsRules(new ObjectMapper());

  private static PutEventsEntryFields valid() {
    return new PutEventsEntryFields(
        null, "com.example.orders", "OrderPlaced", "{\"orderId\":\"42\"}", null, null, null);
  }

  private List<EntryProblem> check(PutEventsEntryFields entry) {
    return rules.check(3, entry);
  }

  private List<Rule> rulesBroken(PutEventsEntryFields entry) {
    return check(entry).stream().map(EntryProblem::rule).toList();
  }

  private static PutEventsEntryFields withBus(String bus) {
    var v = valid();
    return new PutEventsEntryFields(bus, v.source(), v.detailType(), v.detail(), null, null, null);
  }

  private static PutEventsEntryFields withResources(String... resources) {
    var v = valid();
    return new PutEventsEntryFields(
        null, v.source(), v.detailType(), v.detail(), Arrays.asList(resources), null, null);
  }

  private static PutEventsEntryFields withDetail(String detail) {
    var v = valid();
    return new PutEventsEntryFields(null, v.source(), v.detailType(), detail, null, null, null);
  }

  @Test
  void aCompleteValidEntryHasNoProblems() {
    var entry =
        new PutEventsEntryFields(
            "arn:aws:events:eu-central-1:123456789012:event-bus/orders",
            "com.example.orders",
            "OrderPlaced",
            "{\"orderId\":\"42\",\"lines\":[{\"sku\":\"A\"}]}",
            List.of("arn:aws:s3:::my-bucket"),
            "2026-01-31T13:00:00+01:00",
            "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");

    assertThat(check(entry)).isEmpty();
  }

  @Test
  void sourceDetailTypeAndDetailAreRequired() {
    var empty = new PutEventsEntryFields(null, null, " ", "", null, null, null);

    assertThat(check(empty))
        .extracting(EntryProblem::memberPath, EntryProblem::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("source", Rule.MISSING),
            org.assertj.core.groups.Tuple.tuple("detailType", Rule.MISSING),
            org.assertj.core.groups.Tuple.tuple("detail", Rule.MISSING));
    assertThat(check(empty)).allSatisfy(p -> assertThat(p.index()).isEqualTo(3));
  }

  @Test
  void theAwsSourcePrefixIsReserved() {
    var v = valid();
    var reserved =
        new PutEventsEntryFields(null, "aws.s3", v.detailType(), v.detail(), null, null, null);

    assertThat(rulesBroken(reserved)).containsExactly(Rule.RESERVED_SOURCE);
  }

  @Test
  void fieldLengthsAreCappedAsDocumented() {
    var atLimits = withLengthsOverTheLimitsBy(0);
    var overLimits = withLengthsOverTheLimitsBy(1);

    assertThat(check(atLimits)).isEmpty();
    assertThat(check(overLimits))
        .extracting(EntryProblem::wirePath, EntryProblem::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Source", "must be at most 256 characters, was 257"),
            org.assertj.core.groups.Tuple.tuple(
                "DetailType", "must be at most 128 characters, was 129"),
            org.assertj.core.groups.Tuple.tuple(
                "Resources[0]", "must be at most 2048 characters, was 2049"),
            org.assertj.core.groups.Tuple.tuple(
                "TraceHeader", "must be at most 500 characters, was 501"));
  }

  private static PutEventsEntryFields withLengthsOverTheLimitsBy(int extra) {
    return new PutEventsEntryFields(
        null,
        "s".repeat(256 + extra),
        "t".repeat(128 + extra),
        "{}",
        List.of("arn:aws:s3:::" + "b".repeat(2048 - 13 + extra)),
        null,
        "h".repeat(500 + extra));
  }

  @Test
  void lengthsCountCharactersNotUtf16Units() {
    var v = valid();
    var emoji =
        new PutEventsEntryFields(null, v.source(), "😀".repeat(128), v.detail(), null, null, null);

    assertThat(check(emoji)).isEmpty();
  }

  @Test
  void detailMustBeAJsonObject() {
    assertThat(check(withDetail("{\"nested\":{\"ok\":[1,2]}}"))).isEmpty();
    assertThat(check(withDetail("[1,2]")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.rule()).isEqualTo(Rule.NOT_JSON_OBJECT);
              assertThat(p.message())
                  .isEqualTo("must be a JSON object, but the text is a JSON array");
            });
    assertThat(check(withDetail("\"a string\"")).getFirst().message()).endsWith("JSON string");
    assertThat(check(withDetail("42")).getFirst().message()).endsWith("JSON number");
    assertThat(check(withDetail("null")).getFirst().message()).endsWith("JSON null");
  }

  @Test
  void invalidJsonIsReportedByPositionWithoutEchoingTheText() {
    var problem = check(withDetail("{\"password\": hunter2}")).getFirst();

    assertThat(problem.rule()).isEqualTo(Rule.NOT_JSON);
    assertThat(problem.message()).startsWith("is not valid JSON (line 1, column ");
    assertThat(problem.message()).doesNotContain("hunter2").doesNotContain("password");
  }

  @Test
  void noMessageEchoesTheValue() {
    String secret = "s3cr3t-" + "x".repeat(600);
    var everythingWrong =
        new PutEventsEntryFields(
            secret + "!", secret, secret, secret, List.of(secret), secret, secret);

    assertThat(check(everythingWrong))
        .hasSize(7)
        .allSatisfy(p -> assertThat(p.message()).doesNotContain("s3cr3t"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "default",
        "orders",
        "orders.v2_eu-central",
        "arn:aws:events:eu-central-1:123456789012:event-bus/default",
        "arn:aws:events:us-east-1:123456789012:event-bus/orders",
        "arn:aws-cn:events:cn-north-1:123456789012:event-bus/orders",
        "arn:aws-us-gov:events:us-gov-west-1:123456789012:event-bus/orders"
      })
  void eventBusNamesAndArnsThatEventBridgeAccepts(String bus) {
    assertThat(check(withBus(bus))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "my bus!",
        // Partner buses cannot take PutEvents; EventBridge rejects '/' in the name.
        "aws.partner/example.com/123/orders",
        "arn:aws:events:eu-central-1:123456789012:event-bus/aws.partner/example.com/123/orders",
        "arn:aws:events:eu-central-1:12345:event-bus/orders",
        "arn:aws:sqs:eu-central-1:123456789012:event-bus/orders",
        "arn:aws:events:eu-central-1:123456789012:rule/orders",
        "arn:aws:events:eu-central-1:123456789012:event-bus/"
      })
  void eventBusNamesAndArnsThatEventBridgeRejects(String bus) {
    assertThat(rulesBroken(withBus(bus))).containsExactly(Rule.NOT_EVENT_BUS);
  }

  @Test
  void anEventBusNameOrArnMayHave1600Characters() {
    String prefix = "arn:aws:events:eu-central-1:123456789012:event-bus/";

    assertThat(check(withBus(prefix + "b".repeat(1600 - prefix.length())))).isEmpty();
    assertThat(rulesBroken(withBus(prefix + "b".repeat(1601 - prefix.length()))))
        .containsExactly(Rule.NOT_EVENT_BUS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:s3:::my-bucket",
        "arn:aws:s3:::my-bucket/reports/2026 Q1.csv",
        "arn:aws:ec2:us-east-1:123456789012:instance/i-1234567890abcdef0",
        "arn:aws:dynamodb:eu-central-1:123456789012:table/orders",
        "arn:aws:lambda:eu-central-1:123456789012:function:ship:PROD",
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
        "arn:aws:iam::123456789012:user/Bob",
        "arn:aws-cn:s3:::my-bucket",
        "arn:aws-us-gov:ec2:us-gov-west-1:123456789012:vpc/vpc-fd580e98",
        "arn:aws:events:eu-central-1:123456789012:event-bus/orders"
      })
  void resourceArnsInTheDocumentedFormat(String arn) {
    assertThat(check(withResources(arn))).isEmpty();
    assertThat(PutEventsRules.isArn(arn)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "my-bucket",
        "https://s3.amazonaws.com/my-bucket",
        "arn:",
        "arn:aws:s3::",
        "arn:aws:s3:::",
        "arn:azure:s3:::my-bucket",
        "arn:aws::eu-central-1:123456789012:table/orders",
        "arn:aws:dynamodb:eu-central-1:1234:table/orders"
      })
  void resourcesThatAreNotArns(String notArn) {
    assertThat(check(withResources(notArn)))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.rule()).isEqualTo(Rule.NOT_ARN);
              assertThat(p.memberPath()).isEqualTo("resources[0]");
            });
  }

  @Test
  void eachBadResourceIsNamedByItsPosition() {
    assertThat(check(withResources("arn:aws:s3:::ok", null, "nope")))
        .extracting(EntryProblem::wirePath)
        .containsExactly("Resources[1]", "Resources[2]");
  }

  @Test
  void timeIsRfc3339WithAnOffset() {
    assertThat(PutEventsRules.parseTime("2026-01-31T13:00:00+01:00"))
        .contains(Instant.parse("2026-01-31T12:00:00Z"));
    assertThat(PutEventsRules.parseTime("2026-01-31T12:00:00.250Z"))
        .contains(Instant.parse("2026-01-31T12:00:00.250Z"));
    assertThat(PutEventsRules.parseTime("2026-01-31T12:00:00")).isEmpty();
    assertThat(PutEventsRules.parseTime("yesterday")).isEmpty();

    var v = valid();
    var badTime =
        new PutEventsEntryFields(
            null, v.source(), v.detailType(), v.detail(), null, "31.01.2026", null);
    assertThat(check(badTime))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("ISO-8601 timestamp with offset"));
  }

  @Test
  void anEmptyTraceHeaderIsRejectedAsTheMinimumLengthIsOne() {
    var v = valid();
    var empty =
        new PutEventsEntryFields(null, v.source(), v.detailType(), v.detail(), null, null, "");

    assertThat(rulesBroken(empty)).containsExactly(Rule.EMPTY);
  }

  @Test
  void entriesPerRequestAreOneToTen() {
    assertThat(PutEventsRules.isValidEntryCount(0)).isFalse();
    assertThat(PutEventsRules.isValidEntryCount(1)).isTrue();
    assertThat(PutEventsRules.isValidEntryCount(10)).isTrue();
    assertThat(PutEventsRules.isValidEntryCount(11)).isFalse();
  }
}
