package io.connectors.eventbridge.outbound.model;

import io.camunda.connector.generator.java.annotation.TemplateSubType;

/** The rules-and-targets bus: each event names its bus (see the event's bus name or ARN). */
@TemplateSubType(id = EventBus.CLASSIC, label = "Custom Event Bus – Classic (rules and targets)")
public record ClassicBus() implements EventBus {}
