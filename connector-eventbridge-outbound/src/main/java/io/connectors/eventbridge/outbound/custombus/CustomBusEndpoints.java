package io.connectors.eventbridge.outbound.custombus;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.endpoints.AccountIdEndpointMode;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * The endpoint rule set of the model ({@code eventbridgev2/2025-05-15/endpoint-rule-set-1.json}),
 * without its FIPS and dual-stack branches, which the connector does not offer: an override wins;
 * otherwise, unless account-based routing is disabled, the bus ARN's account (then the credentials'
 * account) is the first label of {@code {account}.eventsv2.{region}.{dnsSuffix}}; otherwise {@code
 * eventsv2.{region}.{dnsSuffix}}.
 *
 * @param override the endpoint to use instead of the rules' (a local bus, a VPC endpoint)
 * @param accountIdMode the SDKs' setting, {@code PREFERRED} by default in botocore and the Java SDK
 */
public record CustomBusEndpoints(Optional<URI> override, AccountIdEndpointMode accountIdMode) {

  /** Smithy's {@code isValidHostLabel} without sub-domains. */
  private static final Pattern HOST_LABEL = Pattern.compile("[a-zA-Z\\d][a-zA-Z\\d-]{0,62}");

  public static CustomBusEndpoints standard() {
    return new CustomBusEndpoints(Optional.empty(), AccountIdEndpointMode.PREFERRED);
  }

  public static CustomBusEndpoints overriddenBy(URI endpoint) {
    return new CustomBusEndpoints(Optional.of(endpoint), AccountIdEndpointMode.PREFERRED);
  }

  /**
   * @param credentialsAccountId the account the credentials name, when they name one
   * @throws CustomBusConfigurationException where the rule set ends in an error
   */
  public URI resolve(Region region, String eventBusArn, Optional<String> credentialsAccountId) {
    if (override.isPresent()) {
      return override.get();
    }
    String dnsSuffix = PartitionMetadata.of(region).dnsSuffix();
    if (accountIdMode != AccountIdEndpointMode.DISABLED) {
      Optional<String> busAccount = busAccount(eventBusArn);
      if (busAccount.isPresent()) {
        return host(busAccount.get() + "." + CustomBusModel.ENDPOINT_PREFIX, region, dnsSuffix);
      }
      if (credentialsAccountId.isPresent()) {
        if (!HOST_LABEL.matcher(credentialsAccountId.get()).matches()) {
          throw new CustomBusConfigurationException(
              "Credentials-sourced account ID parameter is invalid");
        }
        return host(
            credentialsAccountId.get() + "." + CustomBusModel.ENDPOINT_PREFIX, region, dnsSuffix);
      }
    }
    if (accountIdMode == AccountIdEndpointMode.REQUIRED) {
      throw new CustomBusConfigurationException(
          "AccountIdEndpointMode is required but no AccountID was provided or able to be loaded");
    }
    return host(CustomBusModel.ENDPOINT_PREFIX, region, dnsSuffix);
  }

  /**
   * The account of an ARN the rules' {@code aws.parseArn} accepts for service {@code events}, when
   * it is a valid host label.
   */
  private static Optional<String> busAccount(String arn) {
    if (arn == null) {
      return Optional.empty();
    }
    String[] parts = arn.split(":", 6);
    boolean parsed =
        parts.length == 6
            && parts[0].equals("arn")
            && !parts[1].isEmpty()
            && !parts[2].isEmpty()
            && !parts[5].isEmpty();
    if (!parsed || !parts[2].equals("events") || !HOST_LABEL.matcher(parts[4]).matches()) {
      return Optional.empty();
    }
    return Optional.of(parts[4]);
  }

  private static URI host(String prefix, Region region, String dnsSuffix) {
    return URI.create("https://" + prefix + "." + region.id() + "." + dnsSuffix);
  }
}
