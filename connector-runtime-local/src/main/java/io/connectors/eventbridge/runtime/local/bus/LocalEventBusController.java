package io.connectors.eventbridge.runtime.local.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.eventbridge.runtime.local.bus.api.AwsErrorResponse;
import io.connectors.eventbridge.runtime.local.bus.api.MalformedRequestException;
import io.connectors.eventbridge.runtime.local.bus.api.PutEventsRequestReader;
import io.connectors.eventbridge.runtime.local.bus.delivery.DeadLetter;
import io.connectors.eventbridge.runtime.local.bus.delivery.DeadLetterLog;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local event bus's HTTP face (development only): EventBridge's PutEvents in AWS JSON 1.1, as
 * the AWS SDKs call it with an endpoint override. SigV4 signatures are accepted without checking:
 * any credentials will do.
 */
@RestController
@ConditionalOnProperty(name = "eventbridge.local.bus.enabled", matchIfMissing = true)
public class LocalEventBusController {

  public static final String PATH = "/local-eventbridge";
  public static final String DEAD_LETTERS_PATH = PATH + "/dead-letters";
  static final String PUT_EVENTS_TARGET = "AWSEvents.PutEvents";
  static final MediaType AWS_JSON = MediaType.parseMediaType("application/x-amz-json-1.1");

  private final LocalEventBus bus;
  private final PutEventsRequestReader reader;
  private final DeadLetterLog deadLetters;
  private static final ObjectMapper JSON = new ObjectMapper();

  LocalEventBusController(
      LocalEventBus bus, PutEventsRequestReader reader, DeadLetterLog deadLetters) {
    this.bus = bus;
    this.reader = reader;
    this.deadLetters = deadLetters;
  }

  // The SDKs post to the endpoint's path plus "/", hand-written calls often to the bare path.
  @PostMapping(path = {PATH, PATH + "/"})
  public ResponseEntity<String> call(
      @RequestHeader(name = "X-Amz-Target", required = false) String target,
      @RequestBody(required = false) byte[] body) {
    String requestId = UUID.randomUUID().toString();
    if (!PUT_EVENTS_TARGET.equals(target)) {
      return answer(
          requestId,
          HttpStatus.BAD_REQUEST,
          AwsErrorResponse.unknownOperation(
              "The local event bus (development only) implements "
                  + PUT_EVENTS_TARGET
                  + " only; X-Amz-Target was "
                  + (target == null ? "missing" : "'" + target + "'")));
    }
    try {
      return answer(requestId, HttpStatus.OK, bus.putEvents(reader.read(body)));
    } catch (MalformedRequestException e) {
      return answer(requestId, HttpStatus.BAD_REQUEST, e.error());
    }
  }

  @GetMapping(path = DEAD_LETTERS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  public List<DeadLetter> deadLetters() {
    return deadLetters.recent();
  }

  private ResponseEntity<String> answer(String requestId, HttpStatus status, Object body) {
    String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      // Our own response records always serialise; this guards against a broken ObjectMapper.
      status = HttpStatus.INTERNAL_SERVER_ERROR;
      json = "{\"__type\":\"InternalFailure\",\"message\":\"Response could not be written\"}";
    }
    return ResponseEntity.status(status)
        .contentType(AWS_JSON)
        .header("x-amzn-RequestId", requestId)
        .body(json);
  }
}
