package io.connectors.eventbridge.runtime.inbound;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.StartEventBuilder;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.TestProcesses;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EventBridge webhook processes built in code, so each test class deploys webhooks with ids of its
 * own: a none start event or a message start event, with any element properties.
 */
final class EventBridgeWebhookModels {

  static final String TYPE = "io.connectors.eventbridge:webhook:1";

  private EventBridgeWebhookModels() {}

  /** Properties every webhook needs, to which a test adds its own. */
  static Map<String, String> webhook(String webhookId) {
    var properties = new LinkedHashMap<String, String>();
    properties.put("inbound.type", TYPE);
    properties.put("inbound.method", "post");
    properties.put("inbound.context", webhookId);
    properties.put("inbound.auth.type", "none");
    properties.put("inbound.signature.type", "none");
    properties.put("resultExpression", "={eventId: request.body.id}");
    return properties;
  }

  static BpmnModelInstance startEvent(String bpmnProcessId, Map<String, String> properties) {
    StartEventBuilder start = Bpmn.createExecutableProcess(bpmnProcessId).startEvent("webhook");
    properties.forEach(start::zeebeProperty);
    return start.endEvent("end").done();
  }

  static BpmnModelInstance messageStartEvent(
      String bpmnProcessId, String messageName, Map<String, String> properties) {
    StartEventBuilder start =
        Bpmn.createExecutableProcess(bpmnProcessId)
            .startEvent("webhook")
            .message(message -> message.name(messageName));
    properties.forEach(start::zeebeProperty);
    return start.endEvent("end").done();
  }

  static void deploy(LocalRuntime runtime, String name, BpmnModelInstance model) {
    runtime
        .client()
        .newDeployResourceCommand()
        .addResourceStringUtf8(TestProcesses.xml(model), name + ".bpmn")
        .send()
        .join();
  }
}
