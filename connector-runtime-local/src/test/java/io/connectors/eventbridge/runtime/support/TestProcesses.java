package io.connectors.eventbridge.runtime.support;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;

/** Small BPMN models for runtime tests, built in code so each test can use unique ids. */
public final class TestProcesses {

  private TestProcesses() {}

  /** A process started by the {@link EchoWebhookConnector} at {@code /inbound/{webhookId}}. */
  public static BpmnModelInstance webhookStart(String bpmnProcessId, String webhookId) {
    return Bpmn.createExecutableProcess(bpmnProcessId)
        .startEvent("webhook_start")
        .zeebeProperty("inbound.type", EchoWebhookConnector.TYPE)
        .zeebeProperty("inbound.context", webhookId)
        .zeebeProperty("resultVariable", "webhook")
        .endEvent("end")
        .done();
  }

  /** A process that waits in a message catch event {@code wait} for {@code messageName}. */
  public static BpmnModelInstance waitForMessage(String bpmnProcessId, String messageName) {
    return Bpmn.createExecutableProcess(bpmnProcessId)
        .startEvent("start")
        .intermediateCatchEvent("wait")
        .message(m -> m.name(messageName).zeebeCorrelationKeyExpression("orderId"))
        .endEvent("end")
        .done();
  }

  public static String xml(BpmnModelInstance model) {
    return Bpmn.convertToString(model);
  }
}
