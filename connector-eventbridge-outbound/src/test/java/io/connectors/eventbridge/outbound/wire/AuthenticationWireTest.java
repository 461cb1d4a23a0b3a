package io.connectors.eventbridge.outbound.wire;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.connectors.eventbridge.outbound.EventBridgePutEventsFunction;
import io.connectors.eventbridge.outbound.auth.AssumeRoleAuthentication;
import io.connectors.eventbridge.outbound.auth.StaticCredentialsAuthentication;
import io.connectors.eventbridge.outbound.client.CachingEventBridgeClientSupplier;
import io.connectors.eventbridge.outbound.metrics.OutboundMetrics;
import io.connectors.eventbridge.outbound.model.AwsConfiguration;
import io.connectors.eventbridge.outbound.model.PutEventsRequest;
import io.connectors.eventbridge.outbound.model.SingleEvent;
import io.connectors.eventbridge.testsupport.FakeEventBridge;
import io.connectors.eventbridge.testsupport.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Assume role through a real STS exchange, and SigV4a for global endpoints, on the wire. */
class AuthenticationWireTest {

  private FakeEventBridge eventBridge;
  private WireMockServer sts;
  private CachingEventBridgeClientSupplier clients;
  private EventBridgePutEventsFunction connector;

  @BeforeEach
  void start() {
    eventBridge = FakeEventBridge.start();
    sts = new WireMockServer(wireMockConfig().dynamicPort());
    sts.start();
    clients = new CachingEventBridgeClientSupplier(4);
    connector =
        new EventBridgePutEventsFunction(
            clients,
            new OutboundMetrics(new SimpleMeterRegistry(), clients::size),
            d -> {},
            System::nanoTime);
  }

  @AfterEach
  void stop() {
    System.clearProperty("aws.endpointUrlSts");
    clients.close();
    sts.stop();
    eventBridge.close();
  }

  private static SingleEvent event() {
    return new SingleEvent(null, "com.example", "Ping", Map.of("n", 1), null, null, null);
  }

  /** STS answers AssumeRole with these temporary credentials. */
  private void stsIssues(String accessKeyId, String secretAccessKey, String sessionToken) {
    sts.stubFor(
        post("/")
            .withRequestBody(containing("Action=AssumeRole"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        """
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <Credentials>
                  <AccessKeyId>%s</AccessKeyId>
                  <SecretAccessKey>%s</SecretAccessKey>
                  <SessionToken>%s</SessionToken>
                  <Expiration>2099-01-01T00:00:00Z</Expiration>
                </Credentials>
                <AssumedRoleUser>
                  <Arn>arn:aws:sts::123456789012:assumed-role/put-events/camunda</Arn>
                  <AssumedRoleId>AROAEXAMPLE:camunda</AssumedRoleId>
                </AssumedRoleUser>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>sts-1</RequestId></ResponseMetadata>
            </AssumeRoleResponse>"""
                            .formatted(accessKeyId, secretAccessKey, sessionToken))));
  }

  private void putEventAs(AssumeRoleAuthentication role) throws Exception {
    connector.putEvents(
        new PutEventsRequest(
            role,
            new AwsConfiguration("eu-west-1", eventBridge.endpoint(), null, null, 1),
            event()));
  }

  /** The one PutEvents call the fake received. */
  private RecordedRequest putEventsCall() {
    assertThat(eventBridge.requests()).hasSize(1);
    RecordedRequest call = eventBridge.requests().getFirst();
    assertThat(call.header("X-Amz-Target")).isEqualTo("AWSEvents.PutEvents");
    assertThat(eventBridge.acceptedEventIds()).hasSize(1);
    return call;
  }

  @Test
  void assumesTheRoleWithStsAndSignsWithTheTemporaryCredentials() throws Exception {
    // The SDK's service-specific endpoint setting sends STS to its stub.
    System.setProperty("aws.endpointUrlSts", sts.baseUrl());
    stsIssues("ASIAASSUMEDROLE", "assumed-secret", "assumed-session-token");
    var role =
        new AssumeRoleAuthentication(
            "arn:aws:iam::123456789012:role/put-events",
            "partner-42",
            null,
            "credentials",
            "AKIDSOURCE",
            "source-secret");

    putEventAs(role);

    sts.verify(
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(
                containing("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fput-events"))
            .withRequestBody(containing("RoleSessionName=camunda-eventbridge-connector"))
            .withRequestBody(containing("ExternalId=partner-42"))
            .withHeader("Authorization", containing("Credential=AKIDSOURCE/")));
    RecordedRequest putEvents = putEventsCall();
    assertThat(putEvents.header("X-Amz-Security-Token")).isEqualTo("assumed-session-token");
    assertThat(putEvents.header("Authorization")).contains("Credential=ASIAASSUMEDROLE/");
  }

  @Test
  void theStsEndpointFieldSendsAssumeRoleToAVpcEndpoint() throws Exception {
    // No endpoint setting for STS: the AssumeRole call can only reach its stub through the field.
    stsIssues("ASIAVPCEROLE", "vpce-secret", "vpce-session-token");
    var role =
        new AssumeRoleAuthentication(
            "arn:aws:iam::123456789012:role/put-events",
            null,
            "vpce-session",
            "credentials",
            "AKIDSOURCE",
            "source-secret",
            sts.baseUrl());

    putEventAs(role);

    sts.verify(
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(containing("RoleSessionName=vpce-session"))
            .withHeader("Authorization", containing("Credential=AKIDSOURCE/")));
    assertThat(putEventsCall().header("Authorization")).contains("Credential=ASIAVPCEROLE/");
  }

  @Test
  void aGlobalEndpointIdIsSentAndSignedWithSigV4a() throws Exception {
    var keys = new StaticCredentialsAuthentication("AKIDEXAMPLE", "secret", null);

    connector.putEvents(
        new PutEventsRequest(
            keys,
            new AwsConfiguration("eu-central-1", eventBridge.endpoint(), "abcde.veo", null, 1),
            event()));

    RecordedRequest putEvents = putEventsCall();
    assertThat(putEvents.header("Authorization"))
        .matches("AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/\\d{8}/events/aws4_request, .*");
    assertThat(putEvents.header("X-Amz-Region-Set")).isEqualTo("*");
    assertThat(putEvents.bodyAsString()).contains("\"EndpointId\":\"abcde.veo\"");
  }

  @Test
  void secretsAreRedactedInToString() {
    var keys = new StaticCredentialsAuthentication("AKIDEXAMPLE", "top-secret", "session-secret");
    var role =
        new AssumeRoleAuthentication(
            "arn:aws:iam::123456789012:role/r",
            "ext-secret",
            null,
            "credentials",
            "AKID",
            "source-secret");

    assertThat(keys.toString())
        .contains("AKIDEXAMPLE")
        .doesNotContain("top-secret", "session-secret");
    assertThat(role.toString()).doesNotContain("ext-secret", "source-secret");
    assertThat(new PutEventsRequest(keys, null, null).toString()).doesNotContain("top-secret");
    assertThat(keys.identityFingerprint())
        .doesNotContain("top-secret")
        .isNotEqualTo(
            new StaticCredentialsAuthentication("AKIDEXAMPLE", "other", "session-secret")
                .identityFingerprint());
  }
}
