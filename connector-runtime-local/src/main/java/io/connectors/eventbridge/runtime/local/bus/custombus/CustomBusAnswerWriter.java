package io.connectors.eventbridge.runtime.local.bus.custombus;

import io.connectors.eventbridge.outbound.custombus.CustomBusEntryResult;
import io.connectors.eventbridge.outbound.custombus.ModeledError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORGenerator;

/**
 * Writes the Custom Event Bus PutEvents answers in Smithy RPC v2 CBOR: the model's {@code
 * PutEventsResponse} ({@code FailedEntryCount}, then {@code Entries} in request order, each with
 * either {@code EventId}, {@code SequenceNumber} and {@code SuccessCode} or {@code ErrorCode} and
 * {@code ErrorMessage}), and an error body with {@code __type} and {@code Message}, from which a
 * client raises the modeled error's exception.
 */
public final class CustomBusAnswerWriter {

  private final CBORFactory factory;

  public CustomBusAnswerWriter(CBORFactory factory) {
    this.factory = factory;
  }

  public byte[] result(List<CustomBusEntryResult> entries) {
    return write(
        cbor -> {
          long failed =
              entries.stream().filter(CustomBusEntryResult.Failed.class::isInstance).count();
          cbor.writeStartObject(entries, 2);
          cbor.writeFieldName("FailedEntryCount");
          cbor.writeNumber(failed);
          cbor.writeFieldName("Entries");
          cbor.writeStartArray(entries, entries.size());
          for (CustomBusEntryResult entry : entries) {
            writeEntry(cbor, entry);
          }
          cbor.writeEndArray();
          cbor.writeEndObject();
        });
  }

  public byte[] error(ModeledError error, String message) {
    return write(
        cbor -> {
          cbor.writeStartObject(error, 2);
          writeMember(cbor, "__type", error.code());
          writeMember(cbor, "Message", message);
          cbor.writeEndObject();
        });
  }

  private static void writeEntry(CBORGenerator cbor, CustomBusEntryResult entry)
      throws IOException {
    switch (entry) {
      case CustomBusEntryResult.Published published ->
          writeSuccess(cbor, published.eventId(), published.sequenceNumber(), "PUBLISHED");
      case CustomBusEntryResult.Deduplicated repeat ->
          writeSuccess(cbor, repeat.eventId(), repeat.sequenceNumber(), "DEDUPLICATED");
      case CustomBusEntryResult.Failed failed -> {
        cbor.writeStartObject(failed, 2);
        writeMember(cbor, "ErrorCode", failed.errorCode());
        writeMember(cbor, "ErrorMessage", failed.errorMessage());
        cbor.writeEndObject();
      }
    }
  }

  private static void writeSuccess(
      CBORGenerator cbor, String eventId, String sequenceNumber, String successCode)
      throws IOException {
    cbor.writeStartObject(eventId, 3);
    writeMember(cbor, "EventId", eventId);
    writeMember(cbor, "SequenceNumber", sequenceNumber);
    writeMember(cbor, "SuccessCode", successCode);
    cbor.writeEndObject();
  }

  /** Text of definite length, as botocore writes it (Jackson would chunk a long string). */
  private static void writeMember(CBORGenerator cbor, String name, String value)
      throws IOException {
    cbor.writeFieldName(name);
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    cbor.writeUTF8String(utf8, 0, utf8.length);
  }

  private interface Body {
    void write(CBORGenerator cbor) throws IOException;
  }

  private byte[] write(Body body) {
    var out = new ByteArrayOutputStream(256);
    try (CBORGenerator cbor = (CBORGenerator) factory.createGenerator(out)) {
      body.write(cbor);
    } catch (IOException e) {
      // Only a ByteArrayOutputStream is written to, which does not fail.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
