package io.connectors.eventbridge.runtime.web;

import io.camunda.connector.runtime.inbound.executable.RegisteredExecutable;
import io.connectors.eventbridge.inbound.EventBridgeWebhookExecutable;
import io.connectors.eventbridge.inbound.http.RequestContract;
import io.connectors.eventbridge.inbound.http.RequestRejected;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What {@link WebhookRequestFilter} resolved a request to, once, and hands to each of its stages:
 * an active EventBridge webhook with its request contract, or nothing with a contract.
 */
sealed interface WebhookTarget {

  WebhookTarget NO_CONTRACT = new NoContract();

  /** The target behind the runtime's registry entry for the request's webhook ID. */
  static WebhookTarget of(RegisteredExecutable.Activated served) {
    return served.executable() instanceof EventBridgeWebhookExecutable webhook
        ? webhook
            .requestContract()
            .<WebhookTarget>map(contract -> new EventBridgeWebhook(webhook, contract))
            .orElse(NO_CONTRACT)
        : NO_CONTRACT;
  }

  /** Answers {@code rejected} here, before the runtime's controller is reached. */
  default void refuse(
      HttpServletRequest request, HttpServletResponse response, RequestRejected rejected)
      throws IOException {
    FilterAnswers.reject(response, rejected);
  }

  /**
   * An active EventBridge webhook. The contract is read once, when the request arrives: the webhook
   * may be deactivated while the request runs, and every stage must judge by the same contract.
   */
  record EventBridgeWebhook(EventBridgeWebhookExecutable executable, RequestContract contract)
      implements WebhookTarget {

    /** Also tells the connector, so its activity log and metrics count the answer too. */
    @Override
    public void refuse(
        HttpServletRequest request, HttpServletResponse response, RequestRejected rejected)
        throws IOException {
      WebhookTarget.super.refuse(request, response, rejected);
      executable.answeredByRuntime(request.getMethod(), rejected.status(), rejected.reason());
    }
  }

  /**
   * Another connector's webhook, an ID no one serves (the controller answers 404), a path without
   * an ID, or another {@link BodyLimitedPath}: only the runtime-wide rules apply.
   */
  record NoContract() implements WebhookTarget {}
}
