package io.connectors.eventbridge.outbound.custombus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.eventbridge.testsupport.FakeEventBridge;
import io.connectors.eventbridge.testsupport.RecordedRequest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.regions.Region;

/**
 * Our PutEvents request against botocore's for the same input: the request the fake bus receives
 * from us has botocore's path, protocol headers and body (byte for byte), and a SigV4 signature
 * that botocore computes the same over the headers we signed, with the model's signing name.
 */
class CustomBusRequestWireTest {

  private static final String ARN =
      "arn:aws:events:eu-central-1:123456789012:event-busv2/orders/abcdefghijklmnopqrstuvwxy";
  private static final String ACCESS_KEY = "AKIDEXAMPLE";
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,"
              + " SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");

  // JUnit makes an instance per test: each test has its own fake and clients.
  private final TestClients clients = new TestClients();
  private final FakeEventBridge bus = FakeEventBridge.start();
  private final URI endpoint = TestClients.endpointOf(bus);
  private final CustomBusPutEvents client =
      clients.withoutRetries(endpoint, Region.EU_CENTRAL_1, ACCESS_KEY);

  @AfterEach
  void stop() {
    clients.close();
    bus.close();
  }

  static Stream<Arguments> requests() {
    Instant fractional = Instant.parse("2026-12-06T10:15:30.123456789Z");
    String large = "{\"blob\":\"" + "x".repeat(70_000) + "\"}";
    return Stream.of(
        Arguments.of(
            "every member",
            new CustomBusRequest(
                ARN,
                List.of(
                    new CustomBusEntry(
                        "com.example.orders",
                        "Order Placed",
                        "{\"orderId\":\"o-1\",\"total\":12.5}",
                        List.of("arn:aws:s3:::bucket", "arn:aws:sqs:eu-central-1:1:q"),
                        fractional,
                        "customer-42",
                        "job-2251799813685249-0-9f86d081")),
                RequestDeduplication.BY_ENTRY_ID)),
        Arguments.of(
            "only required members",
            new CustomBusRequest(
                ARN,
                List.of(new CustomBusEntry("s", "t", null, null, null, null, null)),
                RequestDeduplication.BY_ENTRY_ID)),
        Arguments.of(
            "content-based deduplication, whole-second time, group only",
            new CustomBusRequest(
                ARN,
                List.of(
                    new CustomBusEntry(
                        "com.example",
                        "Ping",
                        "{}",
                        null,
                        Instant.parse("2026-12-06T10:15:30Z"),
                        "g",
                        null)),
                RequestDeduplication.CONTENT_BASED)),
        Arguments.of(
            "text lengths of one, two and four bytes, outside ASCII",
            new CustomBusRequest(
                ARN,
                List.of(
                    new CustomBusEntry(
                        "com.example.ünïcödé",
                        "Größe 📦",
                        "{\"name\":\"" + "ä".repeat(200) + "\"}",
                        null,
                        null,
                        null,
                        "d".repeat(128)),
                    new CustomBusEntry("com.example", "Large", large, null, null, null, null)),
                RequestDeduplication.BY_ENTRY_ID)),
        Arguments.of(
            "100 entries, the model's maximum",
            new CustomBusRequest(
                ARN,
                IntStream.range(0, 100)
                    .mapToObj(
                        i ->
                            new CustomBusEntry(
                                "com.example",
                                "Item",
                                "{\"i\":" + i + "}",
                                null,
                                fractional.plusSeconds(i),
                                "group-" + (i % 7),
                                "dedup-" + i))
                    .toList(),
                RequestDeduplication.BY_ENTRY_ID)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void isTheRequestBotocoreMakes(String name, CustomBusRequest request) {
    client.putEvents(request);
    RecordedRequest ours = bus.requests().get(0);

    ObjectNode asBotocore =
        Botocore.command("request")
            .put("region", "eu-central-1")
            .put("endpoint_url", endpoint.toString())
            .set("params", BotocoreParams.of(request));
    ObjectNode decodeOurs =
        Botocore.command("decode").put("body", Base64.getEncoder().encodeToString(ours.body()));
    Matcher authorization = AUTHORIZATION.matcher(ours.header("Authorization"));
    assertThat(authorization.matches()).as(ours.header("Authorization")).isTrue();
    List<String> signedHeaders = List.of(authorization.group(5).split(";"));
    ObjectNode signAsBotocore =
        Botocore.command("sign")
            .put("method", ours.method())
            .put("url", "http://" + ours.header("Host") + ours.path())
            .put("body", Base64.getEncoder().encodeToString(ours.body()))
            .put("access_key", ACCESS_KEY)
            .put("secret_key", TestClients.SECRET_KEY)
            .put("signing_name", "events")
            .put("region", "eu-central-1")
            .put("amz_date", ours.header("X-Amz-Date"));
    ObjectNode headers = signAsBotocore.putObject("headers");
    signedHeaders.forEach(header -> headers.put(header, ours.header(header)));

    List<JsonNode> botocore = Botocore.run(List.of(asBotocore, decodeOurs, signAsBotocore));
    JsonNode theirs = botocore.get(0);

    assertThat(botocore.get(1).get("decoded"))
        .as("our body, decoded by botocore")
        .isEqualTo(theirs.get("decoded"));
    assertThat(ours.body())
        .as("our body, byte for byte")
        .isEqualTo(Base64.getDecoder().decode(theirs.get("body").asText()));
    assertThat(ours.method()).isEqualTo(theirs.get("method").asText());
    assertThat(endpoint.resolve(ours.path()).toString())
        .isEqualTo(theirs.get("url").asText())
        .endsWith("/local-eventbridge/service/AWSEventsV2/operation/PutEvents");
    for (String header : List.of("smithy-protocol", "Accept", "Content-Type")) {
      assertThat(ours.header(header))
          .as(header)
          .isEqualTo(theirs.get("headers").get(header).asText());
    }
    assertThat(ours.headers()).doesNotContainKey("x-amz-target");
    assertThat(theirs.get("headers").has("X-Amz-Target")).isFalse();

    assertThat(authorization.group(1)).isEqualTo(ACCESS_KEY);
    assertThat(authorization.group(2)).isEqualTo(ours.header("X-Amz-Date").substring(0, 8));
    assertThat(authorization.group(3)).as("region of the scope").isEqualTo("eu-central-1");
    assertThat(authorization.group(4)).as("signing name of the scope").isEqualTo("events");
    JsonNode signature = botocore.get(2);
    assertThat(signature.get("scope").asText())
        .isEqualTo(ACCESS_KEY + "/" + authorization.group(2) + "/eu-central-1/events/aws4_request");
    assertThat(signature.get("signedHeaders").asText()).isEqualTo(authorization.group(5));
    assertThat(signature.get("signature").asText())
        .as("botocore's signature over the headers we signed")
        .isEqualTo(authorization.group(6));
    List<String> botocoreSigned = new ArrayList<>(List.of(signedHeadersOf(theirs).split(";")));
    assertThat(signedHeaders)
        .as("we sign at least what botocore signs")
        .containsAll(botocoreSigned);
  }

  private static String signedHeadersOf(JsonNode request) {
    Matcher matcher = AUTHORIZATION.matcher(request.get("headers").get("Authorization").asText());
    assertThat(matcher.matches()).isTrue();
    return matcher.group(5);
  }
}
