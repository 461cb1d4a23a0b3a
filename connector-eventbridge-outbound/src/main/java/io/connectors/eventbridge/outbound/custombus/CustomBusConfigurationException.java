package io.connectors.eventbridge.outbound.custombus;

/** The call cannot be addressed: the endpoint rule set ended in one of its errors. */
public final class CustomBusConfigurationException extends CustomBusException {

  CustomBusConfigurationException(String ruleSetError) {
    super("The Custom Event Bus endpoint cannot be resolved: " + ruleSetError, null);
  }
}
