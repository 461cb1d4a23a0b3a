package io.connectors.eventbridge.inbound.benchmark;

import io.camunda.connector.api.inbound.CorrelationResult;
import io.camunda.connector.api.inbound.webhook.WebhookHttpResponse;
import io.connectors.eventbridge.inbound.EventBridgeWebhookExecutable;
import io.connectors.eventbridge.inbound.support.Events;
import io.connectors.eventbridge.inbound.support.OdwFixtures;
import io.connectors.eventbridge.inbound.support.Properties;
import io.connectors.eventbridge.inbound.support.TestWebhooks;
import io.connectors.eventbridge.testsupport.JwksServer;
import io.connectors.eventbridge.testsupport.Jwts;
import io.connectors.eventbridge.testsupport.TestInboundContext;
import io.connectors.eventbridge.testsupport.TestPayload;
import io.connectors.eventbridge.testsupport.WebhookSignatures;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The connector's own work per request for a 2 KB EventBridge event: header normalisation,
 * method/size/content-type checks, signature or JWT verification, JSON parsing, the event-pattern
 * match, building the correlation variables and the JSON answer. Correlation itself is stubbed
 * (answered at once), so the engine round trip is not measured.
 *
 * <p>The JWT case uses the real JWKS path: keys are fetched once over HTTP from a loopback server
 * at setup and then served from the cache, as in production.
 *
 * <p>The On-Demand Worker cases add payload decryption (AWS Encryption SDK, raw AES keyring) of the
 * JavaScript-made fixtures: a key-committing signed suite (the SDK default) and a non-committing
 * signed suite. Both verify an ECDSA P-384 signature per message.
 *
 * <p>Run: {@code mvn -B -Dbenchmark -pl connector-eventbridge-inbound -am verify -DskipTests} (add
 * {@code -Djmh.args="..."} to change iterations).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PerRequestBenchmark {

  private static final String PATTERN =
      "{\"source\": [\"com.example.orders\"], \"detail-type\": [\"OrderPlaced\"],"
          + " \"detail\": {\"customer\": {\"tier\": [\"gold\", \"platinum\"]}}}";
  private static final String HMAC_SECRET = "benchmark-shared-secret";
  private static final int DISTINCT_TOKENS = 4500;

  private JwksServer jwksServer;
  private EventBridgeWebhookExecutable jwtWebhook;
  private EventBridgeWebhookExecutable hmacWebhook;
  private EventBridgeWebhookExecutable openWebhook;
  private TestPayload jwtRequest;
  private TestPayload[] jwtRequestsWithDistinctTokens;
  private int nextDistinct;
  private TestPayload hmacRequest;
  private TestPayload plainRequest;
  private EventBridgeWebhookExecutable decryptingWebhook;
  private TestPayload odwCommittingRequest;
  private TestPayload odwNonCommittingRequest;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    var body = Events.twoKilobyteEvent();
    if (body.length() < 1900 || body.length() > 2300) {
      throw new IllegalStateException("expected a ~2 KB event, got " + body.length() + " bytes");
    }
    plainRequest = TestPayload.post(body);

    jwksServer = JwksServer.serving(Jwts.RSA);

    jwtWebhook =
        activate(
            Properties.webhook()
                .set("auth.type", "jwt")
                .set("auth.jwksUrl", jwksServer.url())
                .set("auth.issuer", Jwts.ISSUER)
                .set("auth.audience", Jwts.AUDIENCE)
                .set("auth.allowedAlgorithms", "RS256")
                .set("filter.eventPattern", PATTERN));
    var token =
        Jwts.rs256(
            Jwts.RSA,
            Jwts.claims()
                .expirationTime(java.util.Date.from(java.time.Instant.now().plusSeconds(3600)))
                .build());
    jwtRequest = plainRequest.withHeader("Authorization", "Bearer " + token);
    // More distinct tokens than the verified-token cache holds (4096), so that cycling through
    // them never hits the cache: every request pays for the full signature check.
    jwtRequestsWithDistinctTokens = new TestPayload[DISTINCT_TOKENS];
    for (int i = 0; i < DISTINCT_TOKENS; i++) {
      var distinct =
          Jwts.rs256(
              Jwts.RSA,
              Jwts.claims()
                  .jwtID("jti-" + i)
                  .expirationTime(java.util.Date.from(java.time.Instant.now().plusSeconds(3600)))
                  .build());
      jwtRequestsWithDistinctTokens[i] =
          plainRequest.withHeader("Authorization", "Bearer " + distinct);
    }

    hmacWebhook =
        activate(
            Properties.webhook()
                .set("signature.type", "controlRoom")
                .set("signature.secret", HMAC_SECRET)
                .set("filter.eventPattern", PATTERN));
    hmacRequest =
        plainRequest.withHeader(
            WebhookSignatures.CONTROL_ROOM_HEADER,
            WebhookSignatures.controlRoom(body, HMAC_SECRET));

    openWebhook = activate(Properties.webhook().set("filter.eventPattern", PATTERN));

    decryptingWebhook =
        activate(
            Properties.webhook()
                .set("filter.eventPattern", "{\"detail-type\": [\"On-Demand Worker Request\"]}")
                .set("decryption.type", "awsEncryptionSdk")
                .set("decryption.key", OdwFixtures.KEY_BASE64));
    odwCommittingRequest = TestPayload.post(OdwFixtures.read(OdwFixtures.COMMITTING));
    odwNonCommittingRequest = TestPayload.post(OdwFixtures.read(OdwFixtures.NON_COMMITTING));

    // Fail fast if a configuration would measure a rejection instead of the happy path.
    for (var check :
        new Object[][] {
          {jwtWebhook, jwtRequest},
          {hmacWebhook, hmacRequest},
          {openWebhook, plainRequest},
          {decryptingWebhook, odwCommittingRequest},
          {decryptingWebhook, odwNonCommittingRequest}
        }) {
      var response = ((EventBridgeWebhookExecutable) check[0]).verify((TestPayload) check[1]);
      if (response.statusCode() != 200) {
        throw new IllegalStateException("benchmark request rejected: " + response.body());
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    jwksServer.close();
  }

  /** Every request carries a token not seen before: JWKS cached, full RS256 verification. */
  @Benchmark
  public WebhookHttpResponse jwtRs256NewTokenEachRequest() {
    var request = jwtRequestsWithDistinctTokens[nextDistinct];
    nextDistinct = (nextDistinct + 1) % DISTINCT_TOKENS;
    return jwtWebhook.verify(request);
  }

  /** EventBridge OAuth connections resend one access token until it expires. */
  @Benchmark
  public WebhookHttpResponse jwtRs256SameToken() {
    return jwtWebhook.verify(jwtRequest);
  }

  @Benchmark
  public WebhookHttpResponse hmacControlRoom() {
    return hmacWebhook.verify(hmacRequest);
  }

  @Benchmark
  public WebhookHttpResponse noAuthPatternOnly() {
    return openWebhook.verify(plainRequest);
  }

  /** On-Demand Worker Request, key-committing suite with ECDSA P-384 (the JS SDK default). */
  @Benchmark
  public WebhookHttpResponse odwDecryptCommittingSuite() {
    return decryptingWebhook.verify(odwCommittingRequest);
  }

  /** On-Demand Worker Request, non-committing suite with ECDSA P-384. */
  @Benchmark
  public WebhookHttpResponse odwDecryptNonCommittingSuite() {
    return decryptingWebhook.verify(odwNonCommittingRequest);
  }

  private static EventBridgeWebhookExecutable activate(Properties properties) {
    var context =
        new TestInboundContext(properties.build())
            .withoutRecording()
            .answerAlways(
                request ->
                    new CorrelationResult.Success.ProcessInstanceCreated(null, 1L, "<default>"));
    return TestWebhooks.activate(context);
  }
}
