package io.connectors.eventbridge.runtime.local.bus.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class RulesFileParserTest {

  private final StandardEnvironment environment = new StandardEnvironment();
  private final RulesFileParser parser =
      new RulesFileParser(environment::resolveRequiredPlaceholders);

  @Test
  void readsRulesWithPlaceholdersAndKeepsSecretsOutOfToString() {
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("test", Map.of("HOOK_KEY", "s3cr3t")));

    var rules =
        parser.parse(
            """
            rules:
              - name: orders
                eventBusName: arn:aws:events:eu-west-1:123456789012:event-bus/orders
                eventPattern: { source: [shop], detail: { amount: [{ numeric: [">", 1] }] } }
                targets:
                  - url: http://localhost:9000/inbound/orders
                    auth: { apiKey: { header: x-api-key, value: "${HOOK_KEY}" } }
                  - url: http://localhost:9000/audit
            """);

    assertThat(rules)
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.eventBusName()).isEqualTo("orders");
              assertThat(rule.targets()).hasSize(2);
              assertThat(rule.targets().getFirst().auth())
                  .isEqualTo(new TargetAuth.ApiKey("x-api-key", "s3cr3t"));
              assertThat(rule.targets().get(1).auth()).isEqualTo(new TargetAuth.None());
              assertThat(rule.toString()).doesNotContain("s3cr3t");
            });
  }

  @Test
  void patternsAreMatchedWithEventRuler() throws Exception {
    var rules =
        parser.parse(
            """
            rules:
              - name: big-orders
                eventPattern: '{"source": ["shop"], "detail": {"amount": [{"numeric": [">", 100]}]}}'
                targets: [{ url: "http://localhost:9000/x" }]
            """);
    var book = RuleBook.of(rules);
    var json = new ObjectMapper();

    assertThat(
            book.matching(
                "default", json.readTree("{\"source\":\"shop\",\"detail\":{\"amount\":150}}")))
        .extracting(BusRule::name)
        .containsExactly("big-orders");
    assertThat(
            book.matching(
                "default", json.readTree("{\"source\":\"shop\",\"detail\":{\"amount\":50}}")))
        .isEmpty();
    assertThat(
            book.matching(
                "other-bus", json.readTree("{\"source\":\"shop\",\"detail\":{\"amount\":150}}")))
        .isEmpty();
  }

  @Test
  void problemsNameTheRuleAndFieldButNotTheValue() {
    assertThatThrownBy(
            () -> parser.parse("rules:\n  - name: no-targets\n    eventPattern: {source: [a]}\n"))
        .isInstanceOf(InvalidRulesException.class)
        .hasMessage("rule 'no-targets': 'targets' must be a non-empty list");
    assertThatThrownBy(
            () ->
                parser.parse(
                    "rules:\n"
                        + "  - name: r\n"
                        + "    eventPattern: {source: [a]}\n"
                        + "    targets: [{url: 'http://h/x', auth: {basic: {username: u, password:"
                        + " '${MISSING_SECRET}'}}}]\n"))
        .isInstanceOf(InvalidRulesException.class)
        .hasMessageContaining("rule 'r' target #1 auth.basic: 'password'")
        .hasMessageContaining("MISSING_SECRET");
    var badPattern =
        parser.parse(
            "rules:\n"
                + "  - name: bad\n"
                + "    eventPattern: {source: 'not-a-list'}\n"
                + "    targets: [{url: 'http://h/x'}]\n");
    assertThatThrownBy(() -> RuleBook.of(badPattern))
        .isInstanceOf(InvalidRulesException.class)
        .hasMessageStartingWith("rule 'bad': the event pattern is not valid");
  }
}
