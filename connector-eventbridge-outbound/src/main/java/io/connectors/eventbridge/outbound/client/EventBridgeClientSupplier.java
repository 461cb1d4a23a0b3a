package io.connectors.eventbridge.outbound.client;

import io.connectors.eventbridge.outbound.auth.AwsAuthentication;
import io.connectors.eventbridge.outbound.model.AwsConfiguration;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Hands out the SDK client for a task's authentication and configuration. The connector does not
 * close what it gets: the supplier owns the clients' lifecycle.
 */
@FunctionalInterface
public interface EventBridgeClientSupplier {

  EventBridgeClient clientFor(AwsAuthentication authentication, AwsConfiguration configuration);
}
