package io.connectors.eventbridge.runtime.local.bus;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The event as EventBridge delivers it to a target, and as rules match it. */
@JsonPropertyOrder({
  "version",
  "id",
  "detail-type",
  "source",
  "account",
  "time",
  "region",
  "resources",
  "detail"
})
public record BusEventEnvelope(
    @JsonProperty("version") String version,
    @JsonProperty("id") String id,
    @JsonProperty("detail-type") String detailType,
    @JsonProperty("source") String source,
    @JsonProperty("account") String account,
    @JsonProperty("time") String time,
    @JsonProperty("region") String region,
    @JsonProperty("resources") List<String> resources,
    @JsonProperty("detail") JsonNode detail) {}
