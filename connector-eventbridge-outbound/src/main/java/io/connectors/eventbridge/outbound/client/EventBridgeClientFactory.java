package io.connectors.eventbridge.outbound.client;

import io.connectors.eventbridge.outbound.auth.AwsAuthentication;
import io.connectors.eventbridge.outbound.auth.AwsCredentialsProviders;
import io.connectors.eventbridge.outbound.auth.AwsCredentialsProviders.ResolvedCredentials;
import io.connectors.eventbridge.outbound.model.AwsConfiguration;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/** Builds an EventBridge client on a shared HTTP connection pool. */
public final class EventBridgeClientFactory {

  static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(30);

  private final SdkHttpClient httpClient;

  public EventBridgeClientFactory(SdkHttpClient httpClient) {
    this.httpClient = httpClient;
  }

  /** A client and the credential resources that must be closed with it. */
  public record OwnedClient(EventBridgeClient client, ResolvedCredentials credentials)
      implements SdkAutoCloseable {
    @Override
    public void close() {
      // The shared HTTP client is not closed here: the SDK leaves a caller-supplied one alone.
      client.close();
      credentials.close();
    }
  }

  public OwnedClient create(AwsAuthentication authentication, AwsConfiguration configuration) {
    Region region = Region.of(configuration.region());
    ClientOverrideConfiguration timeouts =
        ClientOverrideConfiguration.builder()
            .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
            .apiCallTimeout(API_CALL_TIMEOUT)
            .build();
    ResolvedCredentials credentials =
        AwsCredentialsProviders.resolve(authentication, region, httpClient, timeouts);
    EventBridgeClientBuilder builder =
        EventBridgeClient.builder()
            .region(region)
            .credentialsProvider(credentials.provider())
            .httpClient(httpClient)
            .overrideConfiguration(timeouts);
    if (configuration.hasEndpointOverride()) {
      builder.endpointOverride(URI.create(configuration.endpoint()));
    }
    return new OwnedClient(builder.build(), credentials);
  }
}
