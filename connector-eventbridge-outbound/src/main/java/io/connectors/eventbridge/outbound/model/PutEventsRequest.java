package io.connectors.eventbridge.outbound.model;

import io.connectors.eventbridge.outbound.auth.AwsAuthentication;
import io.connectors.eventbridge.outbound.validation.CheckedByConnector;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * Everything a Put events task is configured with; the nested records follow the template groups.
 */
public record PutEventsRequest(
    @Valid @NotNull(groups = CheckedByConnector.class) AwsAuthentication authentication,
    @Valid @NotNull(groups = CheckedByConnector.class) AwsConfiguration configuration,
    @Valid @NotNull(groups = CheckedByConnector.class) EventInput event) {}
