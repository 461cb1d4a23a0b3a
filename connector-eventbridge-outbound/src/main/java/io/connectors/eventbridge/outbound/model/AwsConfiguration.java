package io.connectors.eventbridge.outbound.model;

import io.camunda.connector.generator.java.annotation.TemplateProperty;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyConstraints;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyType;
import io.connectors.eventbridge.outbound.validation.CheckedByConnector;
import io.connectors.eventbridge.outbound.validation.Format;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;

public record AwsConfiguration(
    @TemplateProperty(
            group = "configuration",
            label = "Region",
            description = "AWS region of the event bus, for example eu-central-1",
            constraints = @PropertyConstraints(notEmpty = true))
        @NotBlank(groups = CheckedByConnector.class)
        @Format(
            groups = CheckedByConnector.class,
            regexp = ConfigurationRules.REGION_PATTERN,
            message = ConfigurationRules.REGION_MESSAGE)
        String region,
    @TemplateProperty(
            group = "configuration",
            label = "Endpoint override",
            optional = true,
            description =
                "Leave empty for the public regional endpoint. Set it for a VPC interface endpoint, or for the local bus of this project's runtime (http://localhost:8085/local-eventbridge).")
        @Format(
            groups = CheckedByConnector.class,
            regexp = ConfigurationRules.ENDPOINT_PATTERN,
            message = ConfigurationRules.ENDPOINT_MESSAGE)
        String endpoint,
    @TemplateProperty(
            group = "configuration",
            label = "Global endpoint ID",
            optional = true,
            description =
                "The ID of an EventBridge global endpoint, for example abcde.veo. Requests are then signed with SigV4a.")
        @Format(
            groups = CheckedByConnector.class,
            regexp = ConfigurationRules.ENDPOINT_ID_PATTERN,
            message = ConfigurationRules.ENDPOINT_ID_MESSAGE)
        String endpointId,
    @TemplateProperty(
            group = "configuration",
            label = "Maximum request size (bytes)",
            type = PropertyType.Number,
            optional = true,
            defaultValue = "" + Defaults.MAX_REQUEST_BYTES,
            defaultValueType = TemplateProperty.DefaultValueType.Number,
            description =
                "PutEvents size quota, measured with AWS's entry-size formula. 1048576 (1 MiB) is the current quota; use 262144 for regions or accounts still on 256 KB.")
        @Min(
            groups = CheckedByConnector.class,
            value = 1024,
            message = "must be at least 1024 bytes")
        @Max(
            groups = CheckedByConnector.class,
            value = 10_485_760,
            message = "must be at most 10485760 bytes")
        Integer maxRequestBytes,
    @TemplateProperty(
            group = "configuration",
            label = "Attempts per entry",
            type = PropertyType.Number,
            optional = true,
            defaultValue = "" + Defaults.ENTRY_ATTEMPTS,
            defaultValueType = TemplateProperty.DefaultValueType.Number,
            description =
                "How often an entry that failed with ThrottlingException or InternalFailure is sent in all, with exponential backoff and jitter between attempts. Only the failed entries are re-sent.")
        @Min(groups = CheckedByConnector.class, value = 1, message = "must be at least 1")
        @Max(groups = CheckedByConnector.class, value = 10, message = "must be at most 10")
        Integer entryAttempts,
    @TemplateProperty(
            group = "configuration",
            label = "Maximum events per task",
            type = PropertyType.Number,
            optional = true,
            defaultValue = "" + Defaults.MAX_EVENTS,
            defaultValueType = TemplateProperty.DefaultValueType.Number,
            description =
                "A batch with more events fails validation before anything is sent. Bounds how long one job can take and how large its result and error variables get.")
        @Min(groups = CheckedByConnector.class, value = 1, message = "must be at least 1")
        @Max(groups = CheckedByConnector.class, value = 10_000, message = "must be at most 10000")
        Integer maxEvents,
    @TemplateProperty(
            group = "configuration",
            label = "Time budget (seconds)",
            type = PropertyType.Number,
            optional = true,
            defaultValue = "" + Defaults.TIME_BUDGET_SECONDS,
            defaultValueType = TemplateProperty.DefaultValueType.Number,
            description =
                "No new PutEvents call or retry pause starts after this many seconds; the job then fails with EVENTBRIDGE_DEADLINE_REACHED, listing what was put, and its retry sends only the rest. Keep it at least 30 seconds below the job timeout (5 minutes by default).")
        @Min(groups = CheckedByConnector.class, value = 1, message = "must be at least 1 second")
        @Max(
            groups = CheckedByConnector.class,
            value = 3600,
            message = "must be at most 3600 seconds")
        Integer timeBudgetSeconds) {

  public AwsConfiguration {
    maxRequestBytes = maxRequestBytes == null ? Defaults.MAX_REQUEST_BYTES : maxRequestBytes;
    entryAttempts = entryAttempts == null ? Defaults.ENTRY_ATTEMPTS : entryAttempts;
    maxEvents = maxEvents == null ? Defaults.MAX_EVENTS : maxEvents;
    timeBudgetSeconds =
        timeBudgetSeconds == null ? Defaults.TIME_BUDGET_SECONDS : timeBudgetSeconds;
  }

  /** The configuration without the per-task limits, which then take their defaults. */
  public AwsConfiguration(
      String region,
      String endpoint,
      String endpointId,
      Integer maxRequestBytes,
      Integer entryAttempts) {
    this(region, endpoint, endpointId, maxRequestBytes, entryAttempts, null, null);
  }

  /** The time budget as a duration. */
  public Duration timeBudget() {
    return Duration.ofSeconds(timeBudgetSeconds);
  }

  public boolean hasEndpointOverride() {
    return endpoint != null && !endpoint.isBlank();
  }

  public boolean hasEndpointId() {
    return endpointId != null && !endpointId.isBlank();
  }
}
