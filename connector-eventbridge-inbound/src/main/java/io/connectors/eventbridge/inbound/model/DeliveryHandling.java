package io.connectors.eventbridge.inbound.model;

import io.camunda.connector.generator.java.annotation.TemplateProperty;
import io.camunda.connector.generator.java.annotation.TemplateProperty.DropdownPropertyChoice;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyType;
import jakarta.validation.Valid;

/**
 * How deliveries are read (their form) and what replayed events do. Both are optional: left empty,
 * the form is recognised per event and replays correlate as live events do. A Custom Event Bus
 * delivery is a replay only by its {@code aws:DeliveryType}; a classic archive replay only by a
 * {@code replay-name} at the top level of an event that comes as itself, never one inside a
 * wrapper's {@code Data}, which the publisher wrote. Since a {@code PutRawEvents} publisher writes
 * the whole body of a {@code RAW} or {@code JSONATA} subscriber, such a subscriber's webhook uses
 * the {@code raw} format; the webhook's authorization is what keeps outsiders out.
 */
public record DeliveryHandling(
    @Valid DeliveryFormat format,
    @TemplateProperty(
            id = "replays",
            label = "Replayed events",
            group = "delivery",
            description =
                "Events a Custom Event Bus subscriber replays (<code>aws:DeliveryType</code>"
                    + " <code>REPLAY</code>, seen in the <code>WITH_METADATA</code> form) or a"
                    + " classic bus replays from an archive (<code>replay-name</code> at the top"
                    + " level of an event that comes as itself)."
                    + " <code>Correlate</code>: like live events; <code>Acknowledge</code>: answered"
                    + " 202, nothing is started or published",
            type = PropertyType.Dropdown,
            defaultValue = Defaults.REPLAY_HANDLING,
            choices = {
              @DropdownPropertyChoice(label = "Correlate", value = Defaults.REPLAY_HANDLING),
              @DropdownPropertyChoice(
                  label = "Acknowledge without correlating",
                  value = "acknowledge")
            })
        ReplayHandling replays) {

  public DeliveryHandling {
    format = format == null ? new DeliveryFormat.Recognise() : format;
    replays = replays == null ? ReplayHandling.of(Defaults.REPLAY_HANDLING) : replays;
  }
}
