package io.connectors.eventbridge.inbound.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.connector.api.error.ConnectorInputException;
import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookRequest;
import io.connectors.eventbridge.inbound.model.HmacAlgorithm;
import io.connectors.eventbridge.inbound.model.SignatureEncoding;
import io.connectors.eventbridge.inbound.model.SignatureVerification;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * HMAC vectors. Every expected signature was computed with Node.js's crypto module, an
 * implementation independent of ours, exactly as the senders' documentation shows, e.g. for Control
 * Room: {@code crypto.createHmac('sha256', secret).update(body).digest('hex')}. The script is in
 * the comment of each vector.
 */
class SignatureVerifiersTest {

  private static final Clock CLOCK = Clock.systemUTC();

  @Nested
  class ControlRoom {
    /** The test event from the Control Room webhook documentation, byte for byte. */
    static final String BODY =
        "{ \"id\": \"35087097-0c00-41d5-bd8b-d034b1fe2969\", \"webhookEventTimestamp\":"
            + " \"2021-08-12T08:53:52.413Z\", \"event\": \"test_event\", \"action\": \"TEST\","
            + " \"payload\": { \"workspaceId\": \"f9b6d52b-110c-430a-a573-774814fbb9e0\","
            + " \"processId\": \"test\", \"processRunId\": \"test\", \"state\": \"COMPL\","
            + " \"runNo\": 1 } }";

    /**
     * node -e
     * "console.log(require('crypto').createHmac('sha256','cr-shared-secret').update(BODY).digest('hex'))"
     */
    static final String SIGNATURE =
        "330d069e7d5bb55cf3c025ac9975e01c3908a13bdfbe7a6c7a674cf70f212dff";

    @Test
    void verifiesTheDocsComputation() {
      var verifier = create(new SignatureVerification.ControlRoom("cr-shared-secret", null));

      assertThatCode(() -> verifier.verify(request(BODY, "x-rc-signature", SIGNATURE)))
          .doesNotThrowAnyException();
      // Hex digits in upper case are the same signature.
      assertThatCode(
              () -> verifier.verify(request(BODY, "x-rc-signature", SIGNATURE.toUpperCase())))
          .doesNotThrowAnyException();
    }

    /**
     * The process-scoped "Completed process run" example of the documentation, byte for byte as
     * printed there, signed with the run-request example's secret: what a run-request callback
     * sends. node -e "console.log(require('crypto').createHmac('sha256',
     * 'your-callback-secret').update(PROCESS_RUN_COMPLETED).digest('hex'))"
     */
    static final String PROCESS_RUN_COMPLETED =
        "{ \"event\": \"process_run.completed\", \"id\": \"123\", \"state\": \"completed\","
            + " \"workspace\": { \"id\": \"456\" }, \"process\": { \"id\": \"789\" },"
            + " \"outputs\": { \"data\": [ { \"id\": \"101\", \"process\": { \"id\": \"789\" },"
            + " \"created_at\": \"2024-01-11T01:01:01.000Z\", \"payload\": { \"key\": \"value\" },"
            + " \"files\": [ { \"id\": \"102\", \"name\": \"filename.txt\", \"size\": 123,"
            + " \"url\": \"https://url.to.file\", \"url_expires_at\": \"2024-01-12T01:01:01.000Z\" } ]"
            + " } ], \"has_more\": true }, \"work_items_summary\": { \"failed\": 0, \"done\": 1,"
            + " \"output\": 1 } }";

    static final String PROCESS_RUN_COMPLETED_SIGNATURE =
        "ac57b3e0f5252b093f4fd4cc2bc6886b0aed873086b88c248865b096e910694a";

    @Test
    void verifiesARunRequestCallbackAsTheDocsComputeIt() {
      var verifier = create(new SignatureVerification.ControlRoom("your-callback-secret", null));

      assertThatCode(
              () ->
                  verifier.verify(
                      request(
                          PROCESS_RUN_COMPLETED,
                          "x-rc-signature",
                          PROCESS_RUN_COMPLETED_SIGNATURE)))
          .doesNotThrowAnyException();
    }

    @Test
    void acceptsARotatedSecret() {
      var verifier =
          create(
              new SignatureVerification.ControlRoom(
                  "new-secret", "older-secret\ncr-shared-secret\n"));

      assertThatCode(() -> verifier.verify(request(BODY, "x-rc-signature", SIGNATURE)))
          .doesNotThrowAnyException();
    }

    @Test
    void rejectsAWrongSecretATamperedBodyAndAMissingHeader() {
      var verifier = create(new SignatureVerification.ControlRoom("another-secret", null));
      assertRejected(
          () -> verifier.verify(request(BODY, "x-rc-signature", SIGNATURE)), "invalid signature");

      var right = create(new SignatureVerification.ControlRoom("cr-shared-secret", null));
      assertRejected(
          () -> right.verify(request(BODY.replace("COMPL", "ERR"), "x-rc-signature", SIGNATURE)),
          "invalid signature");
      assertRejected(
          () -> right.verify(request(BODY, "x-other", SIGNATURE)), "missing signature header");
      assertRejected(
          () -> right.verify(request(BODY, "x-rc-signature", "zz-not-hex")), "malformed");
    }
  }

  @Test
  void gitHubHeaderWithSha256Prefix() {
    var body = "{\"action\":\"opened\",\"number\":1}";
    // node: 'sha256=' + createHmac('sha256', "It's a Secret to
    // Everybody").update(body).digest('hex')
    var signature = "sha256=1a763b1f352d220a314db46b42b1cbc50b0032b00015fd3d038d42c3666b7217";
    var verifier = create(new SignatureVerification.GitHub("It's a Secret to Everybody", null));

    assertThatCode(() -> verifier.verify(request(body, "X-Hub-Signature-256", signature)))
        .doesNotThrowAnyException();
    assertRejected(
        () ->
            verifier.verify(
                request(body, "X-Hub-Signature-256", signature.substring("sha256=".length()))),
        "malformed");
  }

  @Nested
  class Custom {
    static final String BODY =
        "{\"version\":\"0\",\"id\":\"6a7e8feb-b491-4cf7-a9f1-bf3703467718\",\"detail-type\":\"OrderPlaced\","
            + "\"source\":\"com.example.orders\",\"account\":\"111122223333\",\"time\":\"2026-01-01T00:00:00Z\","
            + "\"region\":\"eu-west-1\",\"resources\":[],\"detail\":{\"orderId\":\"o-1\"}}";

    @Test
    void sha512Base64() {
      // node: createHmac('sha512', 'custom-secret').update(BODY).digest('base64')
      var signature =
          "tnN6Ah519gApNP+ZWYralbNunZJHch7faEilMhGx4eQbdmddHQQZ8Dp78o+OwwdeURAm/mntG4bVctglTOXQ7g==";
      var verifier =
          create(
              new SignatureVerification.Custom(
                  "X-Signature",
                  HmacAlgorithm.SHA512,
                  SignatureEncoding.BASE64,
                  null,
                  "custom-secret",
                  null));

      assertThatCode(() -> verifier.verify(request(BODY, "x-signature", signature)))
          .doesNotThrowAnyException();
    }

    @Test
    void sha1HexWithPrefixForLegacySenders() {
      // node: createHmac('sha1', 'legacy-secret').update(BODY).digest('hex')
      var signature = "sha1=0e25883d740a6d84bba2ebce0ecbcdbdf91d5527";
      var verifier =
          create(
              new SignatureVerification.Custom(
                  "X-Signature",
                  HmacAlgorithm.SHA1,
                  SignatureEncoding.HEX,
                  "sha1=",
                  "legacy-secret",
                  null));

      assertThatCode(() -> verifier.verify(request(BODY, "X-Signature", signature)))
          .doesNotThrowAnyException();
      assertRejected(
          () -> verifier.verify(request(BODY + " ", "X-Signature", signature)),
          "invalid signature");
    }
  }

  @Nested
  class StandardWebhooks {
    // The example of the Standard Webhooks specification; node computed the same value:
    // 'v1,' + createHmac('sha256', Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw','base64'))
    //           .update(`${id}.${ts}.${body}`).digest('base64')
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final String TIMESTAMP = "1614265330";
    static final String BODY = "{\"test\": 2432232314}";
    static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static Clock at(long epochSecond) {
      return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    private static WebhookRequest signed(String signatureHeader) {
      return request(
          BODY,
          Map.of(
              "webhook-id",
              ID,
              "webhook-timestamp",
              TIMESTAMP,
              "webhook-signature",
              signatureHeader));
    }

    @Test
    void verifiesTheSpecificationExample() {
      var verifier =
          SignatureVerifiers.create(
              new SignatureVerification.StandardWebhooks(SECRET, null, 300), at(1614265330 + 10));

      assertThatCode(() -> verifier.verify(signed(SIGNATURE))).doesNotThrowAnyException();
      // Several signatures, space separated (one per active key): any valid one will do.
      assertThatCode(() -> verifier.verify(signed("v1,AAAA " + SIGNATURE)))
          .doesNotThrowAnyException();
    }

    @Test
    void rejectsAReplayOutsideTheTolerance() {
      var verifier =
          SignatureVerifiers.create(
              new SignatureVerification.StandardWebhooks(SECRET, null, 300), at(1614265330 + 301));

      assertRejected(() -> verifier.verify(signed(SIGNATURE)), "outside tolerance");

      var fromTheFuture =
          SignatureVerifiers.create(
              new SignatureVerification.StandardWebhooks(SECRET, null, 300), at(1614265330 - 301));
      assertRejected(() -> fromTheFuture.verify(signed(SIGNATURE)), "outside tolerance");
    }

    @Test
    void theTimestampIsPartOfTheSignature() {
      var verifier =
          SignatureVerifiers.create(
              new SignatureVerification.StandardWebhooks(SECRET, null, 300), at(1614265331));
      var shifted =
          request(
              BODY,
              Map.of(
                  "webhook-id",
                  ID,
                  "webhook-timestamp",
                  "1614265331",
                  "webhook-signature",
                  SIGNATURE));

      assertRejected(() -> verifier.verify(shifted), "invalid signature");
    }

    @Test
    void acceptsARotatedSecretAndRejectsMissingHeaders() {
      var verifier =
          SignatureVerifiers.create(
              new SignatureVerification.StandardWebhooks("whsec_bmV3LXNlY3JldC1rZXk=", SECRET, 300),
              at(1614265330));

      assertThatCode(() -> verifier.verify(signed(SIGNATURE))).doesNotThrowAnyException();
      assertRejected(() -> verifier.verify(request(BODY, Map.of("webhook-id", ID))), "missing");
    }

    @Test
    void aSecretThatIsNotBase64FailsActivationWithoutEchoingIt() {
      assertThatThrownBy(
              () ->
                  SignatureVerifiers.create(
                      new SignatureVerification.StandardWebhooks(
                          "whsec_***not base64***", null, 300),
                      CLOCK))
          .isInstanceOf(ConnectorInputException.class)
          .hasMessageContaining("standardWebhooksSecret")
          .hasMessageNotContaining("not base64***");
    }
  }

  @Test
  void toStringNeverShowsSecrets() {
    assertThat(new SignatureVerification.ControlRoom("cr-shared-secret", "old").toString())
        .doesNotContain("cr-shared-secret")
        .doesNotContain("old");
    assertThat(
            new SignatureVerification.Custom(
                    "h", HmacAlgorithm.SHA256, SignatureEncoding.HEX, null, "s3", null)
                .toString())
        .doesNotContain("s3,")
        .doesNotContain("=s3");
  }

  private static SignatureVerifier create(SignatureVerification config) {
    return SignatureVerifiers.create(config, CLOCK);
  }

  private static WebhookRequest request(String body, String header, String value) {
    return request(body, Map.of(header, value));
  }

  private static WebhookRequest request(String body, Map<String, String> headers) {
    var lower = new HashMap<String, String>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(), v));
    return new WebhookRequest("POST", lower, Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertRejected(Runnable call, String reasonPart) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            RequestRejected.class,
            rejected -> {
              assertThat(rejected.status()).isEqualTo(401);
              assertThat(rejected.reason()).contains(reasonPart);
            });
  }
}
