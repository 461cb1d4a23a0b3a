package io.connectors.eventbridge.outbound.model;

import io.connectors.eventbridge.outbound.auth.AwsAuthentication;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * Everything a Put events task is configured with; the nested records follow the template groups.
 */
public record PutEventsRequest(
    @Valid @NotNull AwsAuthentication authentication,
    @Valid @NotNull AwsConfiguration configuration,
    @Valid @NotNull EventInput event) {}
