package io.connectors.eventbridge.runtime.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a replica decides between 503 and 404 for a webhook ID it does not serve ({@code
 * eventbridge.webhook.discovery.*}).
 *
 * @param maxStaleness how old a view of the cluster's deployments may be, measured from the
 *     request's arrival, to answer 404 from it; also the least time between two refreshes caused by
 *     requests for unknown IDs
 * @param lookupTimeout how long a request waits for a fresh enough view before it is answered 503
 * @param activationTimeout how long a starting replica waits for the runtime to activate the
 *     webhooks of its first discovery before it becomes ready anyway (logged with the elements)
 * @param activationPollInterval how often a starting replica checks for those activations
 */
@ConfigurationProperties("eventbridge.webhook.discovery")
record WebhookAvailabilitySettings(
    @DefaultValue("1s") Duration maxStaleness,
    @DefaultValue("2s") Duration lookupTimeout,
    @DefaultValue("60s") Duration activationTimeout,
    @DefaultValue("100ms") Duration activationPollInterval) {}
