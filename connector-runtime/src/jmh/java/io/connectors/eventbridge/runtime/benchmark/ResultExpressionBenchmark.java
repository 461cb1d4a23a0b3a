package io.connectors.eventbridge.runtime.benchmark;

import com.fasterxml.jackson.core.type.TypeReference;
import io.camunda.connector.api.inbound.webhook.MappedHttpRequest;
import io.camunda.connector.api.inbound.webhook.WebhookTriggerResultContext;
import io.camunda.connector.jackson.ConnectorsObjectMapperSupplier;
import io.camunda.connector.runtime.core.ConnectorResultHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the connectors runtime spends on a webhook element's result expression for every event it
 * correlates: {@code InboundCorrelationHandler} hands the connector's variables to {@code
 * ConnectorResultHandler.createOutputVariables}, which evaluates the expression through the
 * runtime's FEEL wrapper. The same work is done for every outbound task with a result expression.
 *
 * <p>Beside it, the floor of that work: the same expression, parsed once, evaluated by the FEEL
 * engine on the same variables as plain maps.
 *
 * <p>Written for the production runtime's FEEL engine version (docs/compatibility.md, row 11a): run
 * it as shipped, and with {@code -Dversion.feel-engine=1.20.0} for the version the connectors
 * runtime 8.8.7 brings, which builds every built-in function again for each evaluation.
 *
 * <p>Run: {@code mvn -B -q install -DskipTests -Dmodeler-check.skip -pl connector-runtime -am},
 * then {@code mvn -B -Dbenchmark -pl connector-runtime verify -DskipTests}: with {@code -am} the
 * benchmarks of the connector modules would run too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ResultExpressionBenchmark {

  /** The fleet test's webhook uses this one; the load processes one a little larger. */
  private static final String EXPRESSION =
      "={eventId: request.body.id, detail: request.body.detail}";

  private static final String EVENT =
      """
      {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"OrderPlaced",\
      "source":"com.example.orders","account":"111122223333","time":"2026-01-01T00:00:00Z",\
      "region":"eu-west-1","resources":["arn:aws:events:eu-west-1:111122223333:rule/orders"],\
      "detail":{"orderId":"o-123","customer":{"id":"c-9","tier":"gold"},\
      "items":[{"sku":"SKU-00001","quantity":1,"price":10.99},\
      {"sku":"SKU-00002","quantity":2,"price":11.99}]}}\
      """;

  private ConnectorResultHandler runtime;
  private WebhookTriggerResultContext variables;
  private FeelEngineApi feel;
  private ParsedExpression parsed;
  private Map<String, Object> plainVariables;

  @Setup
  public void setUp() throws Exception {
    var mapper = ConnectorsObjectMapperSupplier.getCopy();
    Map<String, Object> body = mapper.readValue(EVENT, new TypeReference<>() {});
    // As the connector hands them to the runtime (EventCorrelator).
    variables =
        new WebhookTriggerResultContext(
            new MappedHttpRequest(body, Map.of("content-type", "application/json"), Map.of()),
            Map.of(),
            List.of());
    runtime = new ConnectorResultHandler(mapper);

    feel = FeelEngineBuilder.forJava().build();
    var parseResult = feel.parseExpression(EXPRESSION.substring(1));
    if (parseResult.isFailure()) {
      throw new IllegalStateException("the expression does not parse");
    }
    parsed = parseResult.parsedExpression();
    plainVariables = mapper.convertValue(variables, new TypeReference<>() {});

    // The same variables by both paths (numbers aside: JSON gives Integer, FEEL BigDecimal).
    var expected =
        mapper.writeValueAsString(Map.of("eventId", body.get("id"), "detail", body.get("detail")));
    var byRuntime = mapper.writeValueAsString(runtimeResultExpression());
    var byFeel = mapper.writeValueAsString(feelParsedOnce());
    if (!mapper.readTree(expected).equals(mapper.readTree(byRuntime))
        || !mapper.readTree(expected).equals(mapper.readTree(byFeel))) {
      throw new IllegalStateException(
          "the two paths do not give the same variables: " + byRuntime + " / " + byFeel);
    }
  }

  /** The runtime's path, as it runs once per correlated event. */
  @Benchmark
  public Map<String, Object> runtimeResultExpression() {
    return runtime.createOutputVariables(variables, null, EXPRESSION);
  }

  /** The floor: parsed once, evaluated on plain maps. */
  @Benchmark
  public Object feelParsedOnce() {
    return feel.evaluate(parsed, plainVariables).result();
  }
}
