package io.connectors.eventbridge.outbound.custombus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORGenerator;

/**
 * Writes the {@code PutEventsRequest} body as botocore's {@code RpcV2CBORSerializer} does: maps,
 * lists and text strings of definite length, members in the model's order, absent members left out,
 * and {@code Time} as tag 1 on epoch seconds (a whole number, or a double when there is a fraction,
 * to the microsecond).
 */
final class PutEventsEncoder {

  private final CBORFactory factory;

  PutEventsEncoder(CBORFactory factory) {
    this.factory = factory;
  }

  byte[] encode(CustomBusRequest request) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * request.entries().size());
    try (CBORGenerator cbor = (CBORGenerator) factory.createGenerator(out)) {
      boolean contentBased = request.deduplication() == RequestDeduplication.CONTENT_BASED;
      cbor.writeStartObject(request, contentBased ? 3 : 2);
      cbor.writeFieldName("EventBusArn");
      writeText(cbor, request.eventBusArn());
      cbor.writeFieldName("Entries");
      cbor.writeStartArray(request.entries(), request.entries().size());
      for (CustomBusEntry entry : request.entries()) {
        writeEntry(cbor, entry);
      }
      cbor.writeEndArray();
      if (contentBased) {
        cbor.writeFieldName("DeduplicationConfiguration");
        cbor.writeStartObject(null, 1);
        cbor.writeFieldName("DeduplicationType");
        writeText(cbor, "CONTENT_BASED");
        cbor.writeEndObject();
      }
      cbor.writeEndObject();
    } catch (IOException e) {
      // Only a ByteArrayOutputStream is written to, which does not fail.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeEntry(CBORGenerator cbor, CustomBusEntry entry) throws IOException {
    int members =
        2
            + count(entry.detail() != null)
            + count(!entry.resources().isEmpty())
            + count(entry.time() != null)
            + count(entry.hasSystemMetadata());
    cbor.writeStartObject(entry, members);
    writeMember(cbor, "Source", entry.source());
    writeMember(cbor, "DetailType", entry.detailType());
    writeMember(cbor, "Detail", entry.detail());
    if (!entry.resources().isEmpty()) {
      cbor.writeFieldName("Resources");
      cbor.writeStartArray(entry.resources(), entry.resources().size());
      for (String resource : entry.resources()) {
        writeText(cbor, resource);
      }
      cbor.writeEndArray();
    }
    if (entry.time() != null) {
      cbor.writeFieldName("Time");
      writeTimestamp(cbor, entry.time());
    }
    if (entry.hasSystemMetadata()) {
      cbor.writeFieldName("SystemMetadata");
      cbor.writeStartObject(
          null, count(entry.eventGroupId() != null) + count(entry.deduplicationId() != null));
      writeMember(cbor, "EventGroupId", entry.eventGroupId());
      writeMember(cbor, "DeduplicationId", entry.deduplicationId());
      cbor.writeEndObject();
    }
    cbor.writeEndObject();
  }

  private static void writeMember(CBORGenerator cbor, String name, String value)
      throws IOException {
    if (value != null) {
      cbor.writeFieldName(name);
      writeText(cbor, value);
    }
  }

  /**
   * A text string of definite length, as botocore writes every string: Jackson's {@code
   * writeString} splits one of more than 3996 characters into indefinite-length chunks.
   */
  private static void writeText(CBORGenerator cbor, String text) throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    cbor.writeUTF8String(utf8, 0, utf8.length);
  }

  /** botocore's {@code _timestamp_unixtimestamp}: Python datetimes stop at the microsecond. */
  private static void writeTimestamp(CBORGenerator cbor, Instant time) throws IOException {
    cbor.writeTag(1);
    long micros = time.getNano() / 1_000;
    if (micros == 0) {
      cbor.writeNumber(time.getEpochSecond());
    } else {
      cbor.writeNumber((time.getEpochSecond() * 1_000_000 + micros) / 1_000_000.0);
    }
  }

  private static int count(boolean present) {
    return present ? 1 : 0;
  }
}
