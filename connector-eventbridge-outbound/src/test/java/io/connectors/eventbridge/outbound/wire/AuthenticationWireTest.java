package io.connectors.eventbridge.outbound.wire;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Assume role through a real STS exchange, and SigV4a for global endpoints, on the wire. */
class AuthenticationWireTest {

  private static final String PUT_EVENTS_OK =
      "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e-1\"}]}";

  private WireMockServer server;
  private CachingEventBridgeClientSupplier clients;
  private EventBridgePutEventsFunction connector;

  @BeforeEach
  void start() {
    server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
    clients = new CachingEventBridgeClientSupplier(4);
    connector =
        new EventBridgePutEventsFunction(
            clients,
            new OutboundMetrics(new SimpleMeterRegistry(), clients::size),
            d -> {},
            System::nanoTime);
    server.stubFor(
        post("/")
            .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(PUT_EVENTS_OK)));
  }

  @AfterEach
  void stop() {
    System.clearProperty("aws.endpointUrlSts");
    clients.close();
    server.stop();
  }

  private static SingleEvent event() {
    return new SingleEvent(null, "com.example", "Ping", Map.of("n", 1), null, null, null);
  }

  @Test
  void assumesTheRoleWithStsAndSignsWithTheTemporaryCredentials() throws Exception {
    // The SDK's service-specific endpoint setting sends STS to the stub as well.
    System.setProperty("aws.endpointUrlSts", server.baseUrl());
    server.stubFor(
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
                  <AccessKeyId>ASIAASSUMEDROLE</AccessKeyId>
                  <SecretAccessKey>assumed-secret</SecretAccessKey>
                  <SessionToken>assumed-session-token</SessionToken>
                  <Expiration>2099-01-01T00:00:00Z</Expiration>
                </Credentials>
                <AssumedRoleUser>
                  <Arn>arn:aws:sts::123456789012:assumed-role/put-events/camunda</Arn>
                  <AssumedRoleId>AROAEXAMPLE:camunda</AssumedRoleId>
                </AssumedRoleUser>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>sts-1</RequestId></ResponseMetadata>
            </AssumeRoleResponse>""")));
    var role =
        new AssumeRoleAuthentication(
            "arn:aws:iam::123456789012:role/put-events",
            "partner-42",
            null,
            "credentials",
            "AKIDSOURCE",
            "source-secret");

    connector.putEvents(
        new PutEventsRequest(
            role, new AwsConfiguration("eu-west-1", server.baseUrl(), null, null, 1), event()));

    server.verify(
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(
                containing("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fput-events"))
            .withRequestBody(containing("RoleSessionName=camunda-eventbridge-connector"))
            .withRequestBody(containing("ExternalId=partner-42"))
            .withHeader("Authorization", containing("Credential=AKIDSOURCE/")));
    server.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
            .withHeader("X-Amz-Security-Token", equalTo("assumed-session-token"))
            .withHeader("Authorization", containing("Credential=ASIAASSUMEDROLE/")));
  }

  @Test
  void theStsEndpointFieldSendsAssumeRoleToAVpcEndpoint() throws Exception {
    // STS on a server of its own: the AssumeRole call can only reach it through the field.
    var sts =
        new com.github.tomakehurst.wiremock.WireMockServer(
            com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig()
                .dynamicPort());
    sts.start();
    try {
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
                    <AccessKeyId>ASIAVPCEROLE</AccessKeyId>
                    <SecretAccessKey>vpce-secret</SecretAccessKey>
                    <SessionToken>vpce-session-token</SessionToken>
                    <Expiration>2099-01-01T00:00:00Z</Expiration>
                  </Credentials>
                </AssumeRoleResult>
              </AssumeRoleResponse>""")));
      var role =
          new AssumeRoleAuthentication(
              "arn:aws:iam::123456789012:role/put-events",
              null,
              "vpce-session",
              "credentials",
              "AKIDSOURCE",
              "source-secret",
              sts.baseUrl());

      connector.putEvents(
          new PutEventsRequest(
              role, new AwsConfiguration("eu-west-1", server.baseUrl(), null, null, 1), event()));

      sts.verify(
          postRequestedFor(urlEqualTo("/"))
              .withRequestBody(containing("RoleSessionName=vpce-session"))
              .withHeader("Authorization", containing("Credential=AKIDSOURCE/")));
      server.verify(
          postRequestedFor(urlEqualTo("/"))
              .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
              .withHeader("Authorization", containing("Credential=ASIAVPCEROLE/")));
    } finally {
      sts.stop();
    }
  }

  @Test
  void aGlobalEndpointIdIsSentAndSignedWithSigV4a() throws Exception {
    var keys = new StaticCredentialsAuthentication("AKIDEXAMPLE", "secret", null);

    connector.putEvents(
        new PutEventsRequest(
            keys,
            new AwsConfiguration("eu-central-1", server.baseUrl(), "abcde.veo", null, 1),
            event()));

    server.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
            .withHeader(
                "Authorization",
                matching(
                    "AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/\\d{8}/events/aws4_request, .*"))
            .withHeader("X-Amz-Region-Set", equalTo("*"))
            .withRequestBody(containing("\"EndpointId\":\"abcde.veo\"")));
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
