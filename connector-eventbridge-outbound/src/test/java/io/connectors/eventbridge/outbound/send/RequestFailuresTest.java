package io.connectors.eventbridge.outbound.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.eventbridge.outbound.custombus.CustomBusClosedException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class RequestFailuresTest {

  private static AwsServiceException answered(int status, String code) {
    return AwsServiceException.builder()
        .statusCode(status)
        .awsErrorDetails(code == null ? null : AwsErrorDetails.builder().errorCode(code).build())
        .build();
  }

  @Test
  void a429IsThrottlingWhateverItsCode() {
    // "429": how the Custom Event Bus's reader names an answer without __type, as botocore does.
    for (String code : new String[] {"429", "SlowDown", "ThrottlingException", null}) {
      assertThat(RequestFailures.classify(answered(429, code)).code())
          .as(code)
          .isEqualTo(ErrorCodes.THROTTLED);
    }
  }

  @Test
  void anAnswerWithoutACodeIsClassifiedByItsStatus() {
    assertThat(RequestFailures.classify(answered(400, null)).code())
        .isEqualTo(ErrorCodes.INVALID_REQUEST);
    assertThat(RequestFailures.classify(answered(403, null)).code())
        .isEqualTo(ErrorCodes.ACCESS_DENIED);
    assertThat(RequestFailures.classify(answered(503, null)).code())
        .isEqualTo(ErrorCodes.SERVICE_ERROR);
  }

  @Test
  void invalidStateIsNotTransientInTheModelAndStaysAnInvalidRequest() {
    assertThat(RequestFailures.classify(answered(409, "InvalidStateException")).code())
        .isEqualTo(ErrorCodes.INVALID_REQUEST);
  }

  @Test
  void aClosedCustomBusClientFailsInOurWordsNotTheJdks() {
    var failure =
        RequestFailures.classify(
            new CustomBusClosedException(
                new RejectedExecutionException("Task rejected from pool")));

    assertThat(failure.code()).isEqualTo(ErrorCodes.SERVICE_ERROR);
    assertThat(failure.reason())
        .startsWith("The Custom Event Bus client is closed")
        .doesNotContain("rejected")
        .doesNotContain("unexpectedly");
  }
}
