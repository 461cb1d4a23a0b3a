package io.connectors.eventbridge.outbound.client;

import io.connectors.eventbridge.outbound.auth.AwsAuthentication;
import io.connectors.eventbridge.outbound.auth.AwsCredentialsProviders;
import io.connectors.eventbridge.outbound.auth.AwsCredentialsProviders.ResolvedCredentials;
import io.connectors.eventbridge.outbound.custombus.CallLimits;
import io.connectors.eventbridge.outbound.custombus.CustomBusEndpoints;
import io.connectors.eventbridge.outbound.custombus.CustomBusPutEvents;
import io.connectors.eventbridge.outbound.custombus.RpcV2CborPutEvents;
import io.connectors.eventbridge.outbound.model.AwsConfiguration;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds the clients of one identity, for a classic bus and for a Custom Event Bus, on a shared
 * HTTP connection pool, with one credentials provider and the same time bounds per call.
 */
public final class EventBridgeClientFactory {

  static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(30);

  private final SdkHttpClient httpClient;
  private final CallLimits customBusLimits;

  /**
   * @param timer aborts Custom Event Bus attempts that outlive their bound (the SDK's generated
   *     clients have their own); owned by the caller, like the HTTP client
   */
  public EventBridgeClientFactory(SdkHttpClient httpClient, ScheduledExecutorService timer) {
    this.httpClient = httpClient;
    this.customBusLimits =
        new CallLimits(API_CALL_ATTEMPT_TIMEOUT, API_CALL_TIMEOUT, timer, System::nanoTime);
  }

  /**
   * The clients and the credential resources that must be closed with them.
   *
   * @param customBus holds nothing of its own: it uses the shared HTTP client and the credentials
   */
  public record OwnedClient(
      EventBridgeClient client, CustomBusPutEvents customBus, ResolvedCredentials credentials)
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
    CustomBusEndpoints customBusEndpoints = CustomBusEndpoints.standard();
    if (configuration.hasEndpointOverride()) {
      URI endpoint = URI.create(configuration.endpoint());
      builder.endpointOverride(endpoint);
      customBusEndpoints = CustomBusEndpoints.overriddenBy(endpoint);
    }
    CustomBusPutEvents customBus =
        RpcV2CborPutEvents.withStandardRetries(
            httpClient, credentials.provider(), region, customBusEndpoints, customBusLimits);
    return new OwnedClient(builder.build(), customBus, credentials);
  }
}
