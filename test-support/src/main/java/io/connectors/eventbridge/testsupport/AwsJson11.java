package io.connectors.eventbridge.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** PutEvents in the AWS JSON 1.1 protocol: {@code X-Amz-Target: AWSEvents.PutEvents}. */
record AwsJson11() implements WireProtocol {

  static final String TARGET = "AWSEvents.PutEvents";
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] SOURCE_KEY = "\"Source\"".getBytes(StandardCharsets.US_ASCII);

  @Override
  public boolean carries(RecordedRequest request) {
    return "POST".equals(request.method()) && TARGET.equals(request.header("X-Amz-Target"));
  }

  @Override
  public List<SentEntry> entries(byte[] body) {
    List<SentEntry> entries = new ArrayList<>();
    for (JsonNode entry : read(body).path("Entries")) {
      // A classic bus does not deduplicate: no entry has a deduplication key.
      entries.add(
          SentEntry.of(
              entry.path("EventBusName").asText(null),
              entry.path("Source").asText(null),
              entry.path("DetailType").asText(null),
              entry.path("Detail").asText(null),
              null));
    }
    return entries;
  }

  private static JsonNode read(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts the entries' "Source" keys; a quote inside a Detail string is escaped, so no match. */
  @Override
  public int countEntries(byte[] body) {
    int count = 0;
    outer:
    for (int i = 0; i <= body.length - SOURCE_KEY.length; i++) {
      for (int j = 0; j < SOURCE_KEY.length; j++) {
        if (body[i + j] != SOURCE_KEY[j]) {
          continue outer;
        }
      }
      count++;
    }
    return count;
  }

  // Written by hand rather than through Jackson: the benchmark's answers go through here too.
  @Override
  public Answer answer(List<EntryOutcome> outcomes) {
    StringBuilder json = new StringBuilder(32 + outcomes.size() * 60).append("{\"Entries\":[");
    int failed = 0;
    for (int i = 0; i < outcomes.size(); i++) {
      json.append(i == 0 ? "{" : ",{");
      switch (outcomes.get(i)) {
        case EntryOutcome.Accepted accepted -> member(json, "EventId", accepted.eventId());
        case EntryOutcome.Rejected rejected -> {
          failed++;
          member(json, "ErrorCode", rejected.error().code());
          member(json.append(','), "ErrorMessage", rejected.error().message());
        }
      }
      json.append('}');
    }
    json.append("],\"FailedEntryCount\":").append(failed).append('}');
    return new Answer(200, CONTENT_TYPE, json.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Answer error(CallError error) {
    StringBuilder json = new StringBuilder("{");
    member(json, "__type", error.type());
    member(json.append(','), error.messageField(), error.message());
    return new Answer(
        error.status(), CONTENT_TYPE, json.append('}').toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void member(StringBuilder json, String name, String value) {
    quote(json, name);
    quote(json.append(':'), value);
  }

  private static void quote(StringBuilder json, String text) {
    json.append('"');
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"', '\\' -> json.append('\\').append(c);
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
