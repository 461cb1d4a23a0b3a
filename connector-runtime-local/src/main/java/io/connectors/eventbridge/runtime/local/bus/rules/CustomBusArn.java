package io.connectors.eventbridge.runtime.local.bus.rules;

import io.connectors.eventbridge.outbound.model.ConfigurationRules;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parts of a Custom Event Bus ARN, {@code
 * arn:{partition}:events:{region}:{account}:event-busv2/{name}/{id}} (the model's {@code
 * EventBusArn} pattern). The local bus knows its buses by name.
 */
public record CustomBusArn(String region, String account, String name, String id) {

  /** The rule the Put events connector checks its field with, written once there. */
  private static final Pattern ARN = Pattern.compile(ConfigurationRules.CUSTOM_BUS_ARN_PATTERN);

  /** The ARN's parts, or empty when the text does not match the model's pattern. */
  public static Optional<CustomBusArn> parse(String arn) {
    var matcher = ARN.matcher(arn);
    return matcher.matches()
        ? Optional.of(
            new CustomBusArn(
                matcher.group("region"),
                matcher.group("account"),
                matcher.group("name"),
                matcher.group("id")))
        : Optional.empty();
  }
}
