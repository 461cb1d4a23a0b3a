package io.connectors.eventbridge.outbound.auth;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Turns an {@link AwsAuthentication} into an SDK credentials provider and what must be closed with
 * it.
 */
public final class AwsCredentialsProviders {

  private AwsCredentialsProviders() {}

  /**
   * A provider and the resources (STS clients, refreshing providers) that live as long as it does.
   */
  public record ResolvedCredentials(
      AwsCredentialsProvider provider, List<SdkAutoCloseable> resources)
      implements SdkAutoCloseable {
    @Override
    public void close() {
      resources.forEach(SdkAutoCloseable::close);
    }
  }

  /**
   * @param httpClient the connection pool STS calls share with EventBridge calls
   * @param overrides the call timeouts STS calls get, as EventBridge calls do
   */
  public static ResolvedCredentials resolve(
      AwsAuthentication authentication,
      Region region,
      SdkHttpClient httpClient,
      ClientOverrideConfiguration overrides) {
    List<SdkAutoCloseable> resources = new ArrayList<>();
    StsSettings sts = new StsSettings(httpClient, overrides);
    AwsCredentialsProvider provider =
        new FailureMarkingCredentialsProvider(providerFor(authentication, region, sts, resources));
    return new ResolvedCredentials(provider, List.copyOf(resources));
  }

  private record StsSettings(SdkHttpClient httpClient, ClientOverrideConfiguration overrides) {}

  private static AwsCredentialsProvider providerFor(
      AwsAuthentication authentication,
      Region region,
      StsSettings settings,
      List<SdkAutoCloseable> resources) {
    return switch (authentication) {
      case StaticCredentialsAuthentication keys ->
          StaticCredentialsProvider.create(credentialsOf(keys));
      case DefaultCredentialsChainAuthentication ignored -> {
        // A private instance, never the shared singleton: closing one client must not close the
        // chain that every other client still uses.
        DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        resources.add(chain);
        yield chain;
      }
      case AssumeRoleAuthentication role -> {
        AwsCredentialsProvider source =
            role.usesStaticSourceCredentials()
                ? StaticCredentialsProvider.create(credentialsOf(role.sourceKeys()))
                : providerFor(
                    new DefaultCredentialsChainAuthentication(), region, settings, resources);
        StsClientBuilder builder =
            StsClient.builder()
                .region(region)
                .credentialsProvider(source)
                .httpClient(settings.httpClient())
                .overrideConfiguration(settings.overrides());
        if (role.hasStsEndpoint()) {
          builder.endpointOverride(URI.create(role.stsEndpoint()));
        }
        StsClient sts = builder.build();
        StsAssumeRoleCredentialsProvider assumed =
            StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(
                    request ->
                        request
                            .roleArn(role.roleArn())
                            .roleSessionName(role.sessionName())
                            .externalId(blankToNull(role.externalId())))
                .build();
        resources.add(assumed);
        resources.add(sts);
        yield assumed;
      }
    };
  }

  private static AwsCredentials credentialsOf(StaticCredentialsAuthentication keys) {
    String sessionToken = blankToNull(keys.sessionToken());
    return sessionToken == null
        ? AwsBasicCredentials.create(keys.accessKey(), keys.secretKey())
        : AwsSessionCredentials.create(keys.accessKey(), keys.secretKey(), sessionToken);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
