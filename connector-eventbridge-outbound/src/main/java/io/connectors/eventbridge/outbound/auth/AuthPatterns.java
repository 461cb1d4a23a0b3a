package io.connectors.eventbridge.outbound.auth;

/**
 * Constants of the authentication records, kept apart because the template generator reads every
 * field of a record.
 */
final class AuthPatterns {

  static final String ROLE_ARN = "^arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}$";
  static final String ENDPOINT = "^https?://[^\\s/?#]+(/[^\\s?#]*)?$";
  static final String DEFAULT_SESSION_NAME = "camunda-eventbridge-connector";

  private AuthPatterns() {}
}
