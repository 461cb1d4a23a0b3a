package io.connectors.eventbridge.runtime.local.bus.rules;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parts of a Custom Event Bus ARN, {@code
 * arn:{partition}:events:{region}:{account}:event-busv2/{name}/{id}} (the model's {@code
 * EventBusArn} pattern). The local bus knows its buses by name.
 */
public record CustomBusArn(String region, String account, String name, String id) {

  private static final Pattern ARN =
      Pattern.compile(
          "arn:aws(?:-[a-z0-9]+)*:events:([a-z][a-z0-9]*(?:-[a-z0-9]+)*):([0-9]{12}):event-busv2/"
              + "([A-Za-z0-9][.\\-_A-Za-z0-9]{0,255})/([a-z0-9]{25})");

  /** The ARN's parts, or empty when the text does not match the model's pattern. */
  public static Optional<CustomBusArn> parse(String arn) {
    var matcher = ARN.matcher(arn);
    return matcher.matches()
        ? Optional.of(
            new CustomBusArn(
                matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4)))
        : Optional.empty();
  }
}
