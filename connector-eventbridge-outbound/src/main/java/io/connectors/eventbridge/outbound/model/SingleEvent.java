package io.connectors.eventbridge.outbound.model;

import io.camunda.connector.generator.dsl.Property.FeelMode;
import io.camunda.connector.generator.java.annotation.TemplateProperty;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyConstraints;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyType;
import io.camunda.connector.generator.java.annotation.TemplateSubType;
import java.util.List;

@TemplateSubType(id = EventInput.SINGLE, label = "Single event")
public record SingleEvent(
    @TemplateProperty(
            group = "event",
            label = "Event bus name or ARN",
            defaultValue = "default",
            optional = true,
            description =
                "The bus to put the event on: a name, or an ARN for a bus in another account. Empty means the default bus.")
        String eventBusName,
    @TemplateProperty(
            group = "event",
            label = "Source",
            description =
                "Identifies the producer, for example com.example.orders. Must not start with aws.",
            constraints =
                @PropertyConstraints(
                    notEmpty = true,
                    maxLength = 256,
                    pattern =
                        @TemplateProperty.Pattern(
                            value = "^(?!aws\\.).*$",
                            message = "must not start with aws. (reserved for AWS services)")))
        String source,
    @TemplateProperty(
            group = "event",
            label = "Detail type",
            description = "What happened, for example OrderPlaced. At most 128 characters.",
            constraints = @PropertyConstraints(notEmpty = true, maxLength = 128))
        String detailType,
    @TemplateProperty(
            group = "event",
            label = "Detail",
            type = PropertyType.Text,
            feel = FeelMode.optional,
            description =
                "The event payload: a FEEL context such as ={orderId: orderId, total: total}, or a JSON object as text.",
            constraints = @PropertyConstraints(notEmpty = true))
        Object detail,
    @TemplateProperty(
            group = "event",
            label = "Resources",
            optional = true,
            feel = FeelMode.required,
            description =
                "A FEEL list of ARNs the event concerns, for example =[\"arn:aws:s3:::my-bucket\"]")
        List<String> resources,
    @TemplateProperty(
            group = "event",
            label = "Time",
            optional = true,
            description =
                "Event time as an ISO-8601 / RFC 3339 timestamp with offset, e.g. 2026-01-31T12:00:00Z. Empty means the time of the call.")
        String time,
    @TemplateProperty(
            group = "event",
            label = "Trace header",
            optional = true,
            description =
                "An AWS X-Ray trace header, for example Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
        String traceHeader)
    implements EventInput {

  @Override
  public String path() {
    return "event";
  }

  @Override
  public List<PathedEntry> entries() {
    return List.of(
        new PathedEntry(
            "event",
            new EventEntry(
                eventBusName, source, detailType, detail, resources, time, traceHeader)));
  }
}
