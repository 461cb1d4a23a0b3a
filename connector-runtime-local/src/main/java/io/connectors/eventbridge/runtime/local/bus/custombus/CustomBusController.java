package io.connectors.eventbridge.runtime.local.bus.custombus;

import io.connectors.eventbridge.outbound.custombus.CustomBusModel;
import io.connectors.eventbridge.outbound.custombus.ModeledError;
import io.connectors.eventbridge.runtime.local.bus.LocalEventBusController;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local bus's Custom Event Bus face (development only): {@code PutEvents} of {@code
 * eventbridgev2} in Smithy RPC v2 CBOR, at the path an SDK calls when its endpoint is the local
 * bus's, e.g. boto3's {@code client('eventbridgev2',
 * endpoint_url='http://localhost:8085/local-eventbridge')}. SigV4 signatures are accepted without
 * checking: any credentials will do.
 */
@RestController
@ConditionalOnProperty(name = "eventbridge.local.bus.enabled", matchIfMissing = true)
public class CustomBusController {

  /** Where the SDKs post PutEvents: the endpoint's path, then the RPC v2 operation path. */
  public static final String PATH = LocalEventBusController.PATH + CustomBusModel.PATH;

  static final String OPERATIONS =
      LocalEventBusController.PATH
          + "/service/"
          + CustomBusModel.TARGET_PREFIX
          + "/operation/{operation}";

  static final MediaType CBOR = MediaType.parseMediaType(CustomBusModel.CBOR);

  private final CustomBusRequestReader reader;
  private final CustomBusAnswerWriter writer;
  private final CustomEventBus bus;

  CustomBusController(
      CustomBusRequestReader reader, CustomBusAnswerWriter writer, CustomEventBus bus) {
    this.reader = reader;
    this.writer = writer;
    this.bus = bus;
  }

  @PostMapping(path = PATH)
  public ResponseEntity<byte[]> putEvents(
      @RequestHeader(name = CustomBusModel.PROTOCOL_HEADER, required = false) String protocol,
      @RequestBody(required = false) byte[] body) {
    // Smithy RPC v2 requires the header of every request; a caller without it speaks another
    // protocol, and a CBOR error tells it so in a form its SDK can read, if it is one.
    if (!CustomBusModel.PROTOCOL.equals(protocol)) {
      return error(
          ModeledError.INVALID_INPUT,
          "The "
              + CustomBusModel.PROTOCOL_HEADER
              + " header must be "
              + CustomBusModel.PROTOCOL
              + " (Smithy RPC v2 CBOR)");
    }
    try {
      return answer(200, writer.result(bus.putEvents(reader.read(body))));
    } catch (CustomBusRequestException e) {
      return error(e.error(), e.getMessage());
    }
  }

  /** Any other operation of the service: the local bus implements PutEvents only. */
  @PostMapping(path = OPERATIONS)
  public ResponseEntity<byte[]> otherOperation(@PathVariable String operation) {
    return error(
        ModeledError.RESOURCE_NOT_FOUND,
        "The local event bus (development only) implements "
            + CustomBusModel.OPERATION
            + " only, not "
            + operation);
  }

  private ResponseEntity<byte[]> error(ModeledError error, String message) {
    return answer(error.httpStatus(), writer.error(error, message));
  }

  private static ResponseEntity<byte[]> answer(int status, byte[] body) {
    return ResponseEntity.status(status)
        .contentType(CBOR)
        .header(CustomBusModel.PROTOCOL_HEADER, CustomBusModel.PROTOCOL)
        .header("x-amzn-RequestId", UUID.randomUUID().toString())
        .body(body);
  }
}
