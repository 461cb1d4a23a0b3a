package io.connectors.eventbridge.outbound.custombus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.endpoints.AccountIdEndpointMode;
import software.amazon.awssdk.regions.Region;

/**
 * Our endpoint resolution against botocore's endpoint provider on the model's rule set, for every
 * combination of partition, account-ID mode, bus ARN and credentials account.
 */
class CustomBusEndpointsTest {

  private static final List<String> REGIONS =
      List.of(
          "us-east-1",
          "eu-central-1",
          "cn-north-1",
          "us-gov-west-1",
          "us-iso-east-1",
          "eusc-de-east-1",
          "xx-unknown-1");
  private static final List<String> BUS_ARNS =
      Arrays.asList(
          null,
          "arn:aws:events:us-east-1:123456789012:event-busv2/orders/abcdefghijklmnopqrstuvwxy",
          "arn:aws:sqs:us-east-1:123456789012:queue",
          "arn:aws:events:us-east-1:12.34:event-busv2/orders/abcdefghijklmnopqrstuvwxy",
          "not-an-arn");
  private static final List<String> CREDENTIAL_ACCOUNTS =
      Arrays.asList(null, "111122223333", "a.b");

  private record Case(
      String region, AccountIdEndpointMode mode, String busArn, String credentialsAccount) {}

  @Test
  void resolvesWhatBotocoreResolves() {
    List<Case> cases = new ArrayList<>();
    List<ObjectNode> commands = new ArrayList<>();
    for (String region : REGIONS) {
      for (AccountIdEndpointMode mode : AccountIdEndpointMode.values()) {
        for (String arn : BUS_ARNS) {
          for (String account : CREDENTIAL_ACCOUNTS) {
            cases.add(new Case(region, mode, arn, account));
            ObjectNode params = params(region);
            params.put("AccountIdEndpointMode", mode.name().toLowerCase());
            if (arn != null) {
              params.put("EventBusArn", arn);
            }
            if (account != null) {
              params.put("AccountId", account);
            }
            commands.add(Botocore.command("endpoint").set("params", params));
          }
        }
      }
    }
    List<JsonNode> botocore = Botocore.run(commands);

    assertSoftly(
        softly -> {
          for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            JsonNode theirs = botocore.get(i);
            String ours;
            try {
              ours =
                  new CustomBusEndpoints(Optional.empty(), c.mode())
                      .resolve(
                          Region.of(c.region()),
                          c.busArn(),
                          Optional.ofNullable(c.credentialsAccount()))
                      .toString();
            } catch (CustomBusConfigurationException e) {
              ours = "error: " + e.getMessage();
            }
            if (theirs.has("url")) {
              softly.assertThat(ours).as(c.toString()).isEqualTo(theirs.get("url").asText());
            } else {
              softly
                  .assertThat(ours)
                  .as(c.toString())
                  .startsWith("error: ")
                  .contains(theirs.get("error").asText());
            }
          }
        });
  }

  @Test
  void anOverrideWinsAsInTheRuleSet() {
    URI local = URI.create("http://localhost:8085/local-eventbridge");
    JsonNode theirs =
        Botocore.run(
            Botocore.command("endpoint")
                .set("params", params("eu-west-1").put("Endpoint", local.toString())));

    URI ours =
        CustomBusEndpoints.overriddenBy(local)
            .resolve(
                Region.EU_WEST_1,
                "arn:aws:events:eu-west-1:123456789012:event-busv2/b/abcdefghijklmnopqrstuvwxy",
                Optional.of("111122223333"));

    assertThat(ours.toString()).isEqualTo(theirs.get("url").asText());
  }

  private static ObjectNode params(String region) {
    return Botocore.JSON
        .createObjectNode()
        .put("Region", region)
        .put("UseFIPS", false)
        .put("UseDualStack", false);
  }
}
