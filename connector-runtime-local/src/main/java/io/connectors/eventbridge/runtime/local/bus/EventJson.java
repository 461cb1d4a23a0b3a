package io.connectors.eventbridge.runtime.local.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON of events both local buses build: payloads that passed validation, and envelopes. */
public final class EventJson {

  private final ObjectMapper mapper;

  public EventJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** An entry's Detail, which the validator accepted as a JSON object; absent means empty. */
  public JsonNode detail(String detail) {
    if (detail == null) {
      return mapper.createObjectNode();
    }
    try {
      return mapper.readTree(detail);
    } catch (JsonProcessingException e) {
      // The validator accepted it as a JSON object, so this cannot happen.
      throw new IllegalStateException("Detail passed validation but is not JSON", e);
    }
  }

  public byte[] bytes(JsonNode event) {
    try {
      return mapper.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An event cannot be serialised", e);
    }
  }
}
