package io.connectors.eventbridge.stockruntime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.camunda.connector.api.inbound.Health;
import io.camunda.connector.api.inbound.InboundConnectorExecutable;
import io.camunda.connector.api.inbound.webhook.WebhookConnectorExecutable;
import io.camunda.connector.api.inbound.webhook.WebhookHttpResponse;
import io.camunda.connector.api.outbound.OutboundConnectorFunction;
import io.connectors.eventbridge.testsupport.RuntimeBinding;
import io.connectors.eventbridge.testsupport.TestInboundContext;
import io.connectors.eventbridge.testsupport.TestOutboundContext;
import io.connectors.eventbridge.testsupport.TestPayload;
import io.connectors.eventbridge.testsupport.WebhookSignatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both {@code -with-dependencies} jars in one class loader, as Camunda's stock connectors runtime
 * loads everything in {@code /opt/custom}: its parent is this test's class path, which holds what
 * the runtime provides (connector SDK, Jackson, SLF4J, Micrometer, the Camunda client) and an AWS
 * SDK of another version ({@code awssdk.other.version}). Parent-first delegation means any class
 * the jars left under its original name would come from that other SDK, the harshest case of the
 * runtime's flat class path.
 */
class StockRuntimeCheckTest {

  private static final String SHADED = "io/connectors/eventbridge/";
  private static final String ISSUER = "https://issuer.example";
  private static final String AUDIENCE = "eventbridge-webhook";
  private static final String RC_SECRET = "control-room-test-secret";

  private static WireMockServer server;
  private static URLClassLoader connectors;

  @BeforeAll
  static void load() throws Exception {
    server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
    connectors =
        new URLClassLoader(
            "custom-connectors",
            new URL[] {jar("outbound.jar").toUri().toURL(), jar("inbound.jar").toUri().toURL()},
            StockRuntimeCheckTest.class.getClassLoader());
  }

  @AfterAll
  static void close() throws IOException {
    connectors.close();
    server.stop();
  }

  @Test
  void theParentReallyHasTheOtherAwsSdk() throws Exception {
    // Guards the premise: were the parent's SDK the bundled version, nothing below would prove
    // that the jars ignore it.
    Class<?> versionInfo = connectors.loadClass("software.amazon.awssdk.core.util.VersionInfo");
    assertThat(versionInfo.getClassLoader()).isNotSameAs(connectors);
    assertThat(versionInfo.getField("SDK_VERSION").get(null))
        .isEqualTo(System.getProperty("awssdk.other.version"))
        .isNotEqualTo(System.getProperty("awssdk.bundled.version"));
  }

  @Test
  void nothingButCrtIsLeftUnderItsOriginalPackage() throws IOException {
    for (String property : List.of("outbound.jar", "inbound.jar")) {
      try (var jar = new JarFile(jar(property).toFile())) {
        var strays =
            jar.stream()
                .map(java.util.zip.ZipEntry::getName)
                .filter(name -> name.endsWith(".class"))
                .filter(name -> !name.startsWith(SHADED))
                // CRT's JNI library binds to these names; see the parent pom.
                .filter(name -> !name.startsWith("software/amazon/awssdk/crt/"))
                .toList();
        assertThat(strays).as(property).isEmpty();
      }
    }
  }

  @Test
  void theOutboundJarCarriesThePutEventsRulesRelocated() throws IOException {
    try (var jar = new JarFile(jar("outbound.jar").toFile())) {
      var names = jar.stream().map(java.util.zip.ZipEntry::getName).toList();
      assertThat(names)
          .contains(SHADED + "shaded/putevents/PutEventsRules.class")
          .noneMatch(name -> name.startsWith(SHADED + "putevents/"));
    }
  }

  @Test
  void anEntryBreakingAPutEventsRuleFailsBeforeAnyCall() {
    server.resetRequests();

    // A partner bus name: the bundled rules reject '/' in a bus name, as EventBridge does.
    assertThatThrownBy(() -> putEvents("aws.partner/example.com/1/orders", ""))
        .hasMessageContaining("event.eventBusName: must be an event bus name");
    server.verify(0, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void aPutEventsJobGoesOutThroughTheBundledSdk() throws Exception {
    Object result = putEvents("orders", "");

    JsonNode json = RuntimeBinding.MAPPER.valueToTree(result);
    assertThat(json.get("eventIds").get(0).asText()).isEqualTo("evt-stock-1");
    assertThat(json.get("failedEntryCount").asInt()).isZero();
    server.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
            .withHeader("Authorization", containing("AWS4-HMAC-SHA256 "))
            .withRequestBody(containing("\"EventBusName\":\"orders\""))
            // The bundled SDK signed and sent it, not the parent's.
            .withHeader(
                "User-Agent",
                containing("aws-sdk-java/" + System.getProperty("awssdk.bundled.version"))));
  }

  @Test
  void aGlobalEndpointIsSignedWithSigV4aByTheUnrelocatedCrt() throws Exception {
    // The relocated auth-crt module calls CRT under its own name; this loads CRT's native library
    // from the outbound jar and signs with it.
    JsonNode json =
        RuntimeBinding.MAPPER.valueToTree(putEvents("global", "\"endpointId\":\"abcde.veo\","));

    assertThat(json.get("eventIds").get(0).asText()).isEqualTo("evt-stock-1");
    server.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("Authorization", containing("AWS4-ECDSA-P256-SHA256 "))
            .withHeader("X-Amz-Region-Set", equalTo("*"))
            .withRequestBody(containing("\"EventBusName\":\"global\"")));
  }

  /** One PutEvents job through the function the outbound jar registers. */
  private static Object putEvents(String bus, String moreConfiguration) throws Exception {
    server.stubFor(
        post("/")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withHeader("x-amzn-RequestId", "req-stock-1")
                    .withBody(
                        "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"evt-stock-1\"}]}")));
    OutboundConnectorFunction function =
        only(ServiceLoader.load(OutboundConnectorFunction.class, connectors));
    assertThat(function.getClass().getClassLoader()).isSameAs(connectors);
    String variables =
        """
        {"authentication":{"type":"credentials","accessKey":"AKIDEXAMPLE",
                           "secretKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
         "configuration":{%s"region":"eu-central-1","endpoint":"%s"},
         "event":{"mode":"single","eventBusName":"%s","source":"com.example.orders",
                  "detailType":"OrderPlaced","detail":{"orderId":"42"}}}
        """
            .formatted(moreConfiguration, server.baseUrl(), bus);
    return function.execute(TestOutboundContext.job(variables));
  }

  @Test
  void aWebhookActivatesAndVerifiesAJwtSignedEncryptedEvent() throws Exception {
    KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    server.stubFor(
        get("/jwks.json")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(jwks((RSAPublicKey) rsa.getPublic()))));
    Map<String, Object> inbound = new HashMap<>();
    inbound.put("type", "io.connectors.eventbridge:webhook:1");
    inbound.put("context", "stock");
    inbound.put("method", "post");
    inbound.put(
        "auth",
        Map.of(
            "type",
            "jwt",
            "jwksUrl",
            server.baseUrl() + "/jwks.json",
            "allowedAlgorithms",
            "RS256",
            "issuer",
            ISSUER,
            "audience",
            AUDIENCE));
    inbound.put("signature", Map.of("type", "controlRoom", "secret", RC_SECRET));
    inbound.put(
        "filter", Map.of("eventPattern", "{\"detail-type\":[\"On-Demand Worker Request\"]}"));
    inbound.put("decryption", Map.of("type", "awsEncryptionSdk", "key", odwKey()));
    var context = new TestInboundContext(Map.of("inbound", inbound));

    InboundConnectorExecutable<?> executable =
        only(ServiceLoader.load(InboundConnectorExecutable.class, connectors));
    assertThat(executable.getClass().getClassLoader()).isSameAs(connectors);
    var webhook = (WebhookConnectorExecutable) executable;
    webhook.activate(context);
    try {
      assertThat(context.health().getStatus()).isEqualTo(Health.Status.UP);

      String body = odw("odw-request-committing.json");
      String token = rs256(rsa);
      WebhookHttpResponse accepted = webhook.verify(signed(body, token, RC_SECRET));
      WebhookHttpResponse badSignature = webhook.verify(signed(body, token, "another-secret"));

      assertThat(accepted.statusCode()).isEqualTo(200);
      assertThat(badSignature.statusCode()).isEqualTo(401);
      server.verify(getRequestedFor(urlEqualTo("/jwks.json")));
      assertThat(context.correlations()).hasSize(1);
      // Converted with the runtime's Jackson, as the runtime converts variables for expressions:
      // the jar hands the event over as a tree of the runtime's own (not relocated) Jackson.
      Map<String, Object> delivered =
          TestInboundContext.requestBody(context.correlations().getFirst().getVariables());
      @SuppressWarnings("unchecked")
      var detail = (Map<String, Object>) delivered.get("detail");
      // Decrypted by the shaded AWS Encryption SDK (Dafny code, BouncyCastle) in the jar.
      assertThat(detail.get("decrypted_payload"))
          .isEqualTo(Map.of("worker_link_token", "TEST-worker-link-token-committing-0001"));
    } finally {
      webhook.deactivate();
    }
  }

  private static Path jar(String property) {
    String file = System.getProperty(property);
    assertThat(file).as("system property " + property + " (set by the module's pom)").isNotBlank();
    return Path.of(file);
  }

  private static <T> T only(ServiceLoader<T> loader) {
    List<T> found = new ArrayList<>();
    loader.forEach(found::add);
    assertThat(found).hasSize(1);
    return found.getFirst();
  }

  private static String odw(String name) {
    try {
      return Files.readString(Path.of(System.getProperty("odw.fixtures"), name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String odwKey() {
    return odw("odw-test-key.txt")
        .lines()
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .findFirst()
        .orElseThrow()
        .strip();
  }

  /** JWKS and RS256 by hand with the JDK, so no JOSE library on the test class path is involved. */
  private static String jwks(RSAPublicKey key) {
    return """
        {"keys":[{"kty":"RSA","kid":"k1","use":"sig","alg":"RS256","n":"%s","e":"%s"}]}
        """
        .formatted(unsigned(key.getModulus()), unsigned(key.getPublicExponent()));
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String rs256(KeyPair rsa) throws Exception {
    var url = Base64.getUrlEncoder().withoutPadding();
    long now = Instant.now().getEpochSecond();
    String header = "{\"alg\":\"RS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}";
    String claims =
        "{\"iss\":\"%s\",\"aud\":\"%s\",\"sub\":\"eventbridge\",\"iat\":%d,\"exp\":%d}"
            .formatted(ISSUER, AUDIENCE, now, now + 300);
    String input =
        url.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(rsa.getPrivate());
    signer.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + url.encodeToString(signer.sign());
  }

  /** As Control Room signs: hex HMAC-SHA256 of the raw body. */
  private static TestPayload signed(String body, String token, String secret) {
    return TestPayload.post(body)
        .withHeader("Authorization", "Bearer " + token)
        .withHeader(
            WebhookSignatures.CONTROL_ROOM_HEADER, WebhookSignatures.controlRoom(body, secret));
  }
}
