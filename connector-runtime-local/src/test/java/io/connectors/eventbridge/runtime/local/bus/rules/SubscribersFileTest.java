package io.connectors.eventbridge.runtime.local.bus.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Custom Event Bus subscribers in the rules file, beside the classic rules. */
class SubscribersFileTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final StandardEnvironment environment = new StandardEnvironment();
  private final RulesFileParser parser =
      new RulesFileParser(environment::resolveRequiredPlaceholders);

  @Test
  void readsSubscribersInTheShapeOfCreateSubscriberWithTheModelsDefaults() {
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("test", Map.of("HOOK_KEY", "s3cr3t")));

    RulesFile file =
        parser.parseFile(
            """
            rules:
              - name: classic
                eventPattern: { source: [shop] }
                targets: [{ url: "http://localhost:9000/classic" }]
            subscribers:
              - name: in-order
                eventBusArn: arn:aws:events:us-east-1:000000000000:event-busv2/orders/abcdefghijklmnopqrstuvwxy
                filterConfiguration:
                  filters:
                    - scope: DATA
                      pattern: { detail-type: [OrderPlaced] }
                    - scope: SYSTEM_METADATA
                      pattern: '{"EventGroupId": [{"prefix": "order-"}]}'
                target:
                  url: http://localhost:9000/fifo
                  auth: { apiKey: { header: x-api-key, value: "${HOOK_KEY}" } }
                  invocationTimeoutSeconds: 5
                transformer: { type: WITH_METADATA }
                retryPolicy: { maxRetryAttempts: 0, maxEventAgeInSeconds: 60 }
                type: FIFO
              - name: everything
                eventBusName: orders
                target: { url: "http://localhost:9000/raw" }
            """);

    assertThat(file.rules()).extracting(BusRule::name).containsExactly("classic");
    Subscriber inOrder = file.subscribers().getFirst();
    assertThat(inOrder.eventBusName()).isEqualTo("orders");
    assertThat(inOrder.filters())
        .extracting(Subscriber.Filter::scope)
        .containsExactly(Subscriber.Scope.DATA, Subscriber.Scope.SYSTEM_METADATA);
    assertThat(inOrder.target().auth()).isEqualTo(new TargetAuth.ApiKey("x-api-key", "s3cr3t"));
    assertThat(inOrder.invocationTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(inOrder.transformer()).isEqualTo(Subscriber.Transformer.WITH_METADATA);
    assertThat(inOrder.retryPolicy())
        .isEqualTo(new Subscriber.RetryPolicy(0, Duration.ofSeconds(60)));
    assertThat(inOrder.ordering()).isEqualTo(Subscriber.Ordering.FIFO);
    assertThat(inOrder.toString()).doesNotContain("s3cr3t");
    Subscriber everything = file.subscribers().get(1);
    assertThat(everything.filters()).isEmpty();
    assertThat(everything.invocationTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(everything.transformer()).isEqualTo(Subscriber.Transformer.RAW);
    assertThat(everything.retryPolicy())
        .isEqualTo(new Subscriber.RetryPolicy(5, Duration.ofSeconds(300)));
    assertThat(everything.ordering()).isEqualTo(Subscriber.Ordering.UNORDERED);
  }

  @Test
  void aSubscriberGetsAnEventOnlyWhenEveryFilterMatchesItsPart() throws Exception {
    RuleBook book =
        RuleBook.of(
            parser.parseFile(
                """
                subscribers:
                  - name: placed-in-order-groups
                    eventBusName: orders
                    filterConfiguration:
                      filters:
                        - { scope: DATA, pattern: { detail-type: [OrderPlaced] } }
                        - { scope: SYSTEM_METADATA, pattern: { EventGroupId: [{ prefix: "order-" }] } }
                    target: { url: "http://localhost:9000/a" }
                  - name: all
                    eventBusName: orders
                    target: { url: "http://localhost:9000/b" }
                """));
    JsonNode placed = JSON.readTree("{\"detail-type\": \"OrderPlaced\", \"detail\": {}}");
    JsonNode inGroup = JSON.readTree("{\"EventGroupId\": \"order-1\"}");
    JsonNode noGroup = JSON.readTree("{}");
    JsonNode none = JSON.createObjectNode();

    assertThat(book.subscribers("orders", parts(placed, inGroup, none)))
        .extracting(Subscriber::name)
        .containsExactly("placed-in-order-groups", "all");
    assertThat(book.subscribers("orders", parts(placed, noGroup, none)))
        .extracting(Subscriber::name)
        .containsExactly("all");
    assertThat(book.subscribers("other-bus", parts(placed, inGroup, none))).isEmpty();
  }

  @Test
  void refusesWhatCreateSubscriberRefusesOrTheLocalBusCannotDo() {
    String target = "target: { url: \"http://localhost:9000/a\" }";
    assertRefused(
        "subscribers: [{ name: s, " + target + " }]",
        "give either 'eventBusArn' or 'eventBusName'");
    assertRefused(
        "subscribers: [{ name: s, eventBusArn: 'arn:aws:events:us-east-1:000000000000:event-bus/x', "
            + target
            + " }]",
        "'eventBusArn' is not an ARN");
    assertRefused(
        "subscribers: [{ name: s, eventBusName: b, transformer: { type: JSONATA }, "
            + target
            + " }]",
        "no JSONATA");
    assertRefused(
        "subscribers: [{ name: s, eventBusName: b, retryPolicy: { maxRetryAttempts: 186 }, "
            + target
            + " }]",
        "'maxRetryAttempts' must be a whole number from 0 to 185");
    assertRefused(
        "subscribers: [{ name: s, eventBusName: b, retryPolicy: { maxEventAgeInSeconds: 59 }, "
            + target
            + " }]",
        "from 60 to 86400");
    assertRefused(
        "subscribers: [{ name: s, eventBusName: b, target: { url: 'http://h/a', invocationTimeoutSeconds: 31 } }]",
        "from 1 to 30");
    assertRefused(
        "subscribers: [{ name: s, eventBusName: b, filterConfiguration: { filters: ["
            + "{ scope: DATA, pattern: { a: [1] } }, { scope: DATA, pattern: { b: [1] } }] }, "
            + target
            + " }]",
        "more than one filter with scope DATA");
    assertRefused("subscribers: [{ name: s, eventBusName: b }]", "'target' is required");
  }

  @Test
  void aNameUsedTwiceOnOneBusIsRefused() {
    var file =
        parser.parseFile(
            """
            subscribers:
              - { name: s, eventBusName: b, target: { url: "http://localhost:9000/a" } }
              - { name: s, eventBusName: b, target: { url: "http://localhost:9000/b" } }
            """);
    assertThatThrownBy(() -> RuleBook.of(file))
        .isInstanceOf(InvalidRulesException.class)
        .hasMessageContaining("defined twice");
  }

  @Test
  void theExampleRulesFileDeclaresSubscribersBesideItsRules() throws Exception {
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "runtime",
                Map.of(
                    "local.server.port", "8085",
                    "eventbridge.local.secrets.ORDERS_WEBHOOK_API_KEY", "key")));
    RuleBook book =
        RuleBook.of(
            parser.parseFile(Files.readString(Path.of("../bpmn-examples/local-bus-rules.yaml"))));

    assertThat(book.rules()).isNotEmpty();
    assertThat(book.subscribers())
        .hasSize(2)
        .allSatisfy(
            subscriber -> {
              assertThat(subscriber.eventBusName()).isEqualTo("shop");
              assertThat(subscriber.ordering()).isEqualTo(Subscriber.Ordering.FIFO);
            })
        .extracting(Subscriber::transformer)
        .containsExactly(Subscriber.Transformer.RAW, Subscriber.Transformer.WITH_METADATA);
  }

  private void assertRefused(String yaml, String message) {
    assertThatThrownBy(() -> RuleBook.of(parser.parseFile(yaml)))
        .isInstanceOf(InvalidRulesException.class)
        .hasMessageContaining(message);
  }

  private static Map<Subscriber.Scope, JsonNode> parts(
      JsonNode data, JsonNode systemMetadata, JsonNode metadata) {
    return Map.of(
        Subscriber.Scope.DATA, data,
        Subscriber.Scope.SYSTEM_METADATA, systemMetadata,
        Subscriber.Scope.METADATA, metadata);
  }
}
