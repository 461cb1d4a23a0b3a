package io.connectors.eventbridge.outbound.model;

import io.connectors.eventbridge.outbound.auth.AwsAuthentication;
import io.connectors.eventbridge.outbound.validation.CheckedByConnector;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * Everything a Put events task is configured with; the nested records follow the template groups.
 *
 * @param bus the kind of bus; a task without one (a diagram made before the choice existed) puts
 *     events on a classic bus
 */
public record PutEventsRequest(
    @Valid @NotNull(groups = CheckedByConnector.class) AwsAuthentication authentication,
    @Valid @NotNull(groups = CheckedByConnector.class) AwsConfiguration configuration,
    @Valid @NotNull(groups = CheckedByConnector.class) EventInput event,
    @Valid EventBus bus) {

  public PutEventsRequest {
    bus = bus == null ? new ClassicBus() : bus;
  }

  /** On a classic bus, which each event names. */
  public PutEventsRequest(
      AwsAuthentication authentication, AwsConfiguration configuration, EventInput event) {
    this(authentication, configuration, event, null);
  }
}
