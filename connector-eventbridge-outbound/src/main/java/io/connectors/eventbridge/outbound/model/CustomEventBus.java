package io.connectors.eventbridge.outbound.model;

import io.camunda.connector.generator.dsl.Property.FeelMode;
import io.camunda.connector.generator.java.annotation.TemplateProperty;
import io.camunda.connector.generator.java.annotation.TemplateProperty.DropdownPropertyChoice;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyCondition;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyConstraints;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyType;
import io.camunda.connector.generator.java.annotation.TemplateSubType;
import io.connectors.eventbridge.outbound.validation.CheckedByConnector;
import io.connectors.eventbridge.outbound.validation.Format;
import jakarta.validation.constraints.NotBlank;

/**
 * A Custom Event Bus (API {@code eventbridgev2}): one ARN for the whole task, up to 100 entries per
 * call, FIFO order per event group and deduplication within 5 minutes.
 *
 * @param eventGroupId the group of the single event, and of every event of a batch that names none
 *     of its own ({@code eventGroupId} in the event's context)
 * @param deduplication one of {@link EventBus#DEDUPLICATE_BY_JOB}, {@link
 *     EventBus#DEDUPLICATE_BY_CONTENT}, {@link EventBus#DEDUPLICATE_BY_GIVEN_ID}
 * @param deduplicationId with {@link EventBus#DEDUPLICATE_BY_GIVEN_ID}: the single event's ID; the
 *     events of a batch give theirs in their contexts ({@code deduplicationId})
 */
@TemplateSubType(id = EventBus.CUSTOM_EVENT_BUS, label = "Custom Event Bus (ordered, deduplicated)")
public record CustomEventBus(
    @TemplateProperty(
            group = "bus",
            label = "Event bus ARN",
            description =
                "The Custom Event Bus: arn:aws:events:{region}:{account}:event-busv2/{name}/{id}. Its region must be the configuration's region.",
            constraints = @PropertyConstraints(notEmpty = true))
        @NotBlank(groups = CheckedByConnector.class)
        @Format(
            groups = CheckedByConnector.class,
            regexp = ConfigurationRules.CUSTOM_BUS_ARN_PATTERN,
            message = ConfigurationRules.CUSTOM_BUS_ARN_MESSAGE)
        String eventBusArn,
    @TemplateProperty(
            group = "bus",
            label = "Event group ID",
            optional = true,
            feel = FeelMode.optional,
            description =
                "FIFO subscribers deliver the events of one group in order, and duplicates are detected per group. Use a key with a bounded set of values, such as =orderId. In batch mode an event's own eventGroupId wins over this field.")
        String eventGroupId,
    @TemplateProperty(
            group = "bus",
            label = "Deduplication",
            type = PropertyType.Dropdown,
            defaultValue = Defaults.DEDUPLICATION,
            description =
                "How the bus recognises a repeated event within its 5-minute window, for example when a job is retried.",
            choices = {
              @DropdownPropertyChoice(
                  value = EventBus.DEDUPLICATE_BY_JOB,
                  label = "By job (a retried job puts each event once)"),
              @DropdownPropertyChoice(
                  value = EventBus.DEDUPLICATE_BY_CONTENT,
                  label = "By content (the bus hashes each event)"),
              @DropdownPropertyChoice(
                  value = EventBus.DEDUPLICATE_BY_GIVEN_ID,
                  label = "By a deduplication ID you give")
            })
        @Format(
            groups = CheckedByConnector.class,
            regexp = ConfigurationRules.DEDUPLICATION_PATTERN,
            message = ConfigurationRules.DEDUPLICATION_MESSAGE)
        String deduplication,
    @TemplateProperty(
            group = "bus",
            label = "Deduplication ID",
            optional = true,
            feel = FeelMode.optional,
            description =
                "The single event's ID, for example =orderId + \"-placed\". In batch mode give each event its own deduplicationId in its context instead.",
            condition =
                @PropertyCondition(
                    property = "bus.deduplication",
                    equals = EventBus.DEDUPLICATE_BY_GIVEN_ID))
        String deduplicationId)
    implements EventBus {

  public CustomEventBus {
    eventGroupId = blankToNull(eventGroupId);
    deduplication = blankToNull(deduplication) == null ? Defaults.DEDUPLICATION : deduplication;
    deduplicationId = blankToNull(deduplicationId);
  }

  /** The ARN's region, or null when the ARN is not one. */
  public String region() {
    String[] parts = eventBusArn == null ? new String[0] : eventBusArn.split(":", 6);
    return parts.length == 6 ? parts[3] : null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
