package io.connectors.eventbridge.inbound.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.camunda.connector.generator.dsl.Property.FeelMode;
import io.camunda.connector.generator.java.annotation.TemplateProperty;
import io.camunda.connector.generator.java.annotation.TemplateProperty.DropdownPropertyChoice;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyConstraints;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * Everything a user configures for the webhook itself, bound from the element's {@code inbound.*}
 * properties (see {@link WebhookElementProperties}). The runtime-evaluated properties (activation
 * condition, correlation, message ID, TTL, deduplication, result mapping) are not here: the
 * template generator adds them and the runtime evaluates them when we call {@code correlate}.
 *
 * <p>{@code method} and {@code context} stay at the top level on purpose: the Spring runtime's
 * webhook registry reads the path from {@code inbound.context}, so it cannot move into a nested
 * group record. The other groups are records of their own.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventBridgeWebhookProperties(
    @TemplateProperty(
            id = "method",
            label = "Webhook method",
            group = "endpoint",
            description = "HTTP method the webhook accepts; any other method is answered with 405",
            type = PropertyType.Dropdown,
            defaultValue = Defaults.HTTP_METHOD,
            choices = {
              @DropdownPropertyChoice(label = "Any", value = "any"),
              @DropdownPropertyChoice(label = "POST", value = "post"),
              @DropdownPropertyChoice(label = "PUT", value = "put"),
              @DropdownPropertyChoice(label = "GET", value = "get"),
              @DropdownPropertyChoice(label = "DELETE", value = "delete")
            })
        String method,
    @TemplateProperty(
            id = "context",
            label = "Webhook ID",
            group = "endpoint",
            description =
                "Last path segment of the webhook URL: <code>/inbound/{webhook ID}</code>."
                    + " Letters and digits, separated by single '-' or '_'",
            feel = FeelMode.disabled,
            constraints =
                @PropertyConstraints(
                    notEmpty = true,
                    pattern =
                        @TemplateProperty.Pattern(
                            value = WebhookId.PATTERN,
                            message = WebhookId.RULE)))
        @NotBlank
        @Pattern(regexp = WebhookId.PATTERN, message = WebhookId.RULE)
        String context,
    @TemplateProperty(
            id = "maxBodyBytes",
            label = "Maximum body size (bytes)",
            group = "endpoint",
            description = "Larger requests are answered with 413. Default 1048576 (1 MiB)",
            optional = true,
            feel = FeelMode.disabled,
            defaultValue = "" + Defaults.MAX_BODY_BYTES)
        @Positive
        Integer maxBodyBytes,
    @TemplateProperty(
            id = "timeBudgetMillis",
            label = "Answer within (ms)",
            group = "endpoint",
            description =
                "Events not correlated in this time are answered 503 NOT_ATTEMPTED, so the sender"
                    + " retries them. Keep it under the sender's timeout: a classic rule's API"
                    + " destination waits 5 s, a Custom Event Bus subscriber its invocation timeout (1 to 30 s)."
                    + " At most 30000 is used. Default 4000",
            optional = true,
            feel = FeelMode.disabled,
            defaultValue = "" + Defaults.TIME_BUDGET_MILLIS)
        // No upper bound here: a larger value was valid before and is used as 30 s with a warning
        // (see EventBridgeWebhookExecutable), so that deployed diagrams keep activating.
        @Positive
        Integer timeBudgetMillis,
    @Valid Authorization auth,
    @Valid SignatureVerification signature,
    @Valid EventFilter filter,
    @Valid PayloadDecryption decryption,
    @Valid DeliveryHandling delivery) {

  public EventBridgeWebhookProperties {
    method = method == null || method.isBlank() ? Defaults.HTTP_METHOD : method;
    maxBodyBytes = maxBodyBytes == null ? Defaults.MAX_BODY_BYTES : maxBodyBytes;
    timeBudgetMillis = timeBudgetMillis == null ? Defaults.TIME_BUDGET_MILLIS : timeBudgetMillis;
    auth = auth == null ? new Authorization.None() : auth;
    signature = signature == null ? new SignatureVerification.None() : signature;
    filter = filter == null ? new EventFilter(null) : filter;
    decryption = decryption == null ? new PayloadDecryption.None() : decryption;
    delivery = delivery == null ? new DeliveryHandling(null, null) : delivery;
  }
}
