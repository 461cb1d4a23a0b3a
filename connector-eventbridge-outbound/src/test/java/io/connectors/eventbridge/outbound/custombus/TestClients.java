package io.connectors.eventbridge.outbound.custombus;

import io.connectors.eventbridge.testsupport.FakeEventBridge;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * Our wire clients as the tests build them, with static credentials, sharing one HTTP client that
 * this object owns.
 */
final class TestClients implements AutoCloseable {

  static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  private final SdkHttpClient http = ApacheHttpClient.builder().build();

  /** Our client, sending to {@code endpoint} with the given retries. */
  CustomBusPutEvents client(
      URI endpoint, Region region, String accessKey, RetryStrategy retries, RetryPause pause) {
    return new RpcV2CborPutEvents(
        http,
        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, SECRET_KEY)),
        region,
        CustomBusEndpoints.overriddenBy(endpoint),
        retries,
        pause);
  }

  /** Our client, sending to {@code endpoint} once per call. */
  CustomBusPutEvents withoutRetries(URI endpoint, Region region, String accessKey) {
    return client(
        endpoint,
        region,
        accessKey,
        AwsRetryStrategy.doNotRetry(),
        delay -> {
          throw new AssertionError("no retry expected");
        });
  }

  /**
   * The fake's endpoint with a path in front, as local mode has one, so that every test proves the
   * client keeps an override's path.
   */
  static URI endpointOf(FakeEventBridge bus) {
    return URI.create(bus.endpoint() + "/local-eventbridge");
  }

  @Override
  public void close() {
    http.close();
  }
}
