package io.connectors.eventbridge.runtime.support;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.ServiceTaskBuilder;

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

  /**
   * A process whose one service task puts a single event {@code {n: n}} from {@code source}, with
   * the credentials, region and endpoint of the runtime's secrets (as production replicas
   * configured by environment variables have them).
   */
  public static BpmnModelInstance putEventWithSecrets(
      String bpmnProcessId, String source, String detailType) {
    return putEventsTaskWithSecrets(bpmnProcessId)
        .zeebeInput("single", "event.mode")
        .zeebeInput(source, "event.source")
        .zeebeInput(detailType, "event.detailType")
        .zeebeInput("={n: n}", "event.detail")
        .endEvent()
        .done();
  }

  /**
   * A process started up to its Put events service task, with the authentication and configuration
   * of the runtime's secrets; the caller adds the event inputs and the end.
   */
  public static ServiceTaskBuilder putEventsTaskWithSecrets(String bpmnProcessId) {
    return Bpmn.createExecutableProcess(bpmnProcessId)
        .startEvent()
        .serviceTask("put")
        .zeebeJobType("io.connectors.eventbridge:put-events:1")
        .zeebeInput("credentials", "authentication.type")
        .zeebeInput("{{secrets.AWS_ACCESS_KEY}}", "authentication.accessKey")
        .zeebeInput("{{secrets.AWS_SECRET_KEY}}", "authentication.secretKey")
        .zeebeInput("{{secrets.AWS_REGION}}", "configuration.region")
        .zeebeInput("{{secrets.EVENTBRIDGE_ENDPOINT}}", "configuration.endpoint");
  }

  public static String xml(BpmnModelInstance model) {
    return Bpmn.convertToString(model);
  }
}
