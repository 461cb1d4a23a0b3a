package io.connectors.eventbridge.inbound.model;

import java.util.regex.Pattern;

/** The rule for the webhook path segment, shared by the template constraint and validation. */
public final class WebhookId {
  /**
   * The same rule the Spring runtime's registry applies, so an ID we accept is never deprecated.
   */
  public static final String PATTERN = "^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$";

  public static final String RULE =
      "must contain only letters, digits and single '-' or '_' between them";

  private static final Pattern COMPILED = Pattern.compile(PATTERN);

  private WebhookId() {}

  public static boolean isValid(String id) {
    return id != null && id.length() <= 200 && COMPILED.matcher(id).matches();
  }
}
