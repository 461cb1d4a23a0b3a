package io.connectors.eventbridge.outbound.auth;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/** Turns an {@link AwsAuthentication} into an SDK credentials provider and what must be closed with it. */
public final class AwsCredentialsProviders {

  private AwsCredentialsProviders() {}

  /** A provider and the resources (STS clients, refreshing providers) that live as long as it does. */
  public record ResolvedCredentials(AwsCredentialsProvider provider, List<SdkAutoCloseable> resources)
      implements SdkAutoCloseable {
    @Override
    public void close() {
      resources.forEach(SdkAutoCloseable::close);
    }
  }

  public static ResolvedCredentials resolve(AwsAuthentication authentication, Region region) {
    List<SdkAutoCloseable> resources = new ArrayList<>();
    AwsCredentialsProvider provider = new FailureMarkingCredentialsProvider(providerFor(authentication, region, resources));
    return new ResolvedCredentials(provider, List.copyOf(resources));
  }

  private static AwsCredentialsProvider providerFor(
      AwsAuthentication authentication, Region region, List<SdkAutoCloseable> resources) {
    return switch (authentication) {
      case StaticCredentialsAuthentication keys -> StaticCredentialsProvider.create(credentialsOf(keys));
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
                : providerFor(new DefaultCredentialsChainAuthentication(), region, resources);
        StsClient sts = StsClient.builder().region(region).credentialsProvider(source).build();
        StsAssumeRoleCredentialsProvider assumed =
            StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(
                    request -> request
                        .roleArn(role.roleArn())
                        .roleSessionName(role.effectiveSessionName())
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
