package io.connectors.eventbridge.outbound.client;

import io.connectors.eventbridge.outbound.auth.AwsAuthentication;
import io.connectors.eventbridge.outbound.model.AwsConfiguration;

/**
 * Lends the SDK client for a task's authentication and configuration. The connector closes the
 * lease when the job is done; the supplier owns the clients' lifecycle.
 */
@FunctionalInterface
public interface EventBridgeClientSupplier {

  ClientLease lease(AwsAuthentication authentication, AwsConfiguration configuration);
}
