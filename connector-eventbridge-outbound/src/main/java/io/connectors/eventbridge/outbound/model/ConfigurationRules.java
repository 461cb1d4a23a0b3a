package io.connectors.eventbridge.outbound.model;

/**
 * Patterns of {@link AwsConfiguration} and the authentication records, kept apart because the
 * template generator reads every field of a record. Defaults are in {@link Defaults}.
 */
public final class ConfigurationRules {

  public static final String REGION_PATTERN = "^[a-z]{2}(-[a-z]+)+-\\d{1,2}$";
  public static final String REGION_MESSAGE = "must be an AWS region code such as eu-central-1";
  public static final String ENDPOINT_PATTERN = "^https?://[^\\s/?#]+(/[^\\s?#]*)?$";
  public static final String ENDPOINT_MESSAGE =
      "must be an absolute http(s) URL without query, such as https://vpce-123.events.eu-central-1.vpce.amazonaws.com";
  public static final String ENDPOINT_ID_PATTERN = "^[A-Za-z0-9-]+\\.[A-Za-z0-9-]+$";
  public static final String ENDPOINT_ID_MESSAGE = "must be a global endpoint ID such as abcde.veo";

  public static final String ROLE_ARN_PATTERN =
      "^arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}$";

  /**
   * The model's {@code EventBusArn} pattern (eventbridgev2 2025-05-15), its parts named so that the
   * local bus reads a bus's name with the same rule the connector checks the field with.
   */
  public static final String CUSTOM_BUS_ARN_PATTERN =
      "^arn:aws(-[a-z0-9]+)*:events:(?<region>[a-z][a-z0-9]*(-[a-z0-9]+)*):(?<account>[0-9]{12}):event-busv2/(?<name>[A-Za-z0-9][.\\-_A-Za-z0-9]{0,255})/(?<id>[a-z0-9]{25})$";

  public static final String CUSTOM_BUS_ARN_MESSAGE =
      "must be a Custom Event Bus ARN: arn:aws:events:<region>:<account>:event-busv2/<name>/<id>";

  public static final String DEDUPLICATION_PATTERN = "^(job|contentBased|givenId)$";
  public static final String DEDUPLICATION_MESSAGE = "must be job, contentBased or givenId";

  private ConfigurationRules() {}
}
