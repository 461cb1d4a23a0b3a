package io.connectors.eventbridge.outbound.custombus;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORParser;

/**
 * Reads one CBOR data item into plain Java values, as botocore's {@code BaseCBORParser} does before
 * it walks the output shape: maps (string keys, null members dropped), lists, strings, whole
 * numbers, floating-point numbers, booleans, byte strings, and tag 1 (epoch seconds) as an {@link
 * Instant}. Definite and indefinite lengths alike. Local mode's bus reads requests with it too, so
 * both ends of the wire read CBOR alike.
 */
public final class CborValues {

  private final CBORFactory factory;

  public CborValues(CBORFactory factory) {
    this.factory = factory;
  }

  /**
   * @throws IOException when the bytes are not one well-formed CBOR item of those kinds
   */
  public Object read(byte[] body) throws IOException {
    try (CBORParser parser = (CBORParser) factory.createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new IOException("empty body");
      }
      Object value = value(parser, first);
      if (parser.nextToken() != null) {
        throw new IOException("more than one data item");
      }
      return value;
    }
  }

  private Object value(CBORParser parser, JsonToken token) throws IOException {
    int tag = parser.getCurrentTag();
    Object value =
        switch (token) {
          case START_OBJECT -> map(parser);
          case START_ARRAY -> list(parser);
          case VALUE_STRING -> parser.getText();
          case VALUE_NUMBER_INT -> wholeNumber(parser.getBigIntegerValue());
          case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
          case VALUE_TRUE -> Boolean.TRUE;
          case VALUE_FALSE -> Boolean.FALSE;
          case VALUE_NULL -> null;
          case VALUE_EMBEDDED_OBJECT -> parser.getBinaryValue();
          default -> throw new IOException("unexpected CBOR token " + token);
        };
    return switch (tag) {
      case -1 -> value;
      case 1 -> epochSeconds(value);
      default -> throw new IOException("unsupported CBOR tag " + tag);
    };
  }

  private Map<String, Object> map(CBORParser parser) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_OBJECT;
        token = parser.nextToken()) {
      if (token != JsonToken.FIELD_NAME) {
        throw new IOException("a map key that is not a text string");
      }
      String key = parser.currentName();
      Object member = value(parser, parser.nextToken());
      // botocore drops members whose value is null, so an absent and a null member read alike.
      if (member != null) {
        map.put(key, member);
      }
    }
    return map;
  }

  private List<Object> list(CBORParser parser) throws IOException {
    List<Object> list = new ArrayList<>();
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      list.add(value(parser, token));
    }
    return list;
  }

  private static Object wholeNumber(BigInteger value) {
    return value.bitLength() < 64 ? (Object) value.longValueExact() : value;
  }

  private static Instant epochSeconds(Object value) throws IOException {
    return switch (value) {
      case Long seconds -> Instant.ofEpochSecond(seconds);
      case Double seconds -> {
        long whole = (long) Math.floor(seconds);
        long micros = Math.round((seconds - whole) * 1_000_000);
        yield Instant.ofEpochSecond(whole, micros * 1_000);
      }
      case null, default -> throw new IOException("tag 1 on something other than a number");
    };
  }
}
