package io.connectors.eventbridge.outbound.custombus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a PutEvents answer: a 2xx as {@code PutEventsResponse}, anything else as an error (see
 * {@link ErrorAnswer}). Stricter than botocore where the model leaves the connector no safe
 * reading: a count of result entries other than the request's, or an entry that neither failed nor
 * carries one of the model's success codes, is a malformed answer rather than a guess (a retry with
 * the same deduplication IDs is harmless).
 */
final class PutEventsAnswerReader {

  private final CborValues cbor;

  PutEventsAnswerReader(CborValues cbor) {
    this.cbor = cbor;
  }

  /**
   * @throws CustomBusServiceException for an error status
   * @throws CustomBusMalformedAnswerException for a success the model cannot read
   */
  CustomBusResult read(int httpStatus, byte[] body, String requestId, int requestEntries) {
    if (httpStatus / 100 != 2) {
      throw new CustomBusServiceException(error(httpStatus, body, requestId));
    }
    Map<String, Object> response = map(decode(body), "the body is not a CBOR map");
    List<CustomBusEntryResult> entries = new ArrayList<>(requestEntries);
    for (Object entry : list(response.get("Entries"))) {
      entries.add(entry(map(entry, "a result entry is not a map")));
    }
    if (entries.size() != requestEntries) {
      throw new CustomBusMalformedAnswerException(
          entries.size() + " result entries for " + requestEntries + " request entries");
    }
    long failed = entries.stream().filter(CustomBusEntryResult.Failed.class::isInstance).count();
    // FailedEntryCount is optional in the model; the entries tell the same when it is absent.
    Object count = response.getOrDefault("FailedEntryCount", failed);
    if (!(count instanceof Long number)) {
      throw new CustomBusMalformedAnswerException("FailedEntryCount is not a whole number");
    }
    return new CustomBusResult(Math.toIntExact(number), entries, requestId);
  }

  private ErrorAnswer error(int httpStatus, byte[] body, String requestId) {
    if (body.length == 0) {
      return ErrorAnswer.generic(httpStatus, requestId);
    }
    try {
      return cbor.read(body) instanceof Map<?, ?> map
          ? ErrorAnswer.read(httpStatus, strings(map), requestId)
          : ErrorAnswer.generic(httpStatus, requestId);
    } catch (IOException notCbor) {
      return ErrorAnswer.generic(httpStatus, requestId);
    }
  }

  private static CustomBusEntryResult entry(Map<String, Object> entry) {
    if (entry.get("ErrorCode") instanceof String code) {
      return new CustomBusEntryResult.Failed(code, text(entry, "ErrorMessage"));
    }
    String eventId = text(entry, "EventId");
    String sequenceNumber = text(entry, "SequenceNumber");
    Object successCode = entry.get("SuccessCode");
    if ("PUBLISHED".equals(successCode)) {
      return new CustomBusEntryResult.Published(eventId, sequenceNumber);
    }
    if ("DEDUPLICATED".equals(successCode)) {
      return new CustomBusEntryResult.Deduplicated(eventId, sequenceNumber);
    }
    throw new CustomBusMalformedAnswerException(
        "a result entry with neither an ErrorCode nor a known SuccessCode");
  }

  private Object decode(byte[] body) {
    try {
      return cbor.read(body);
    } catch (IOException e) {
      throw new CustomBusMalformedAnswerException("the body is not CBOR", e);
    }
  }

  private static String text(Map<String, Object> map, String member) {
    Object value = map.get(member);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new CustomBusMalformedAnswerException(member + " is not a text string");
  }

  private static Map<String, Object> map(Object value, String otherwise) {
    if (value instanceof Map<?, ?> map) {
      return strings(map);
    }
    throw new CustomBusMalformedAnswerException(otherwise);
  }

  @SuppressWarnings("unchecked") // CborValues makes maps with text keys only.
  private static Map<String, Object> strings(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  private static List<Object> list(Object value) {
    return switch (value) {
      case null -> List.of();
      case List<?> list -> new ArrayList<Object>(list);
      default -> throw new CustomBusMalformedAnswerException("Entries is not a list");
    };
  }
}
