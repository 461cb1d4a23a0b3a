package io.connectors.eventbridge.runtime.local.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** The local bus's PutEvents, called by the real AWS SDK v2 client and by hand-made requests. */
@LocalRuntimeTest
class LocalEventBusApiTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired LocalRuntime runtime;
  private EventBridgeClient eventBridge;

  @BeforeEach
  void sdkClient() {
    eventBridge =
        EventBridgeClient.builder()
            .endpointOverride(runtime.localBusEndpoint())
            .region(Region.EU_CENTRAL_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDLOCAL", "local-secret")))
            .httpClientBuilder(ApacheHttpClient.builder())
            .build();
  }

  @AfterEach
  void closeClient() {
    eventBridge.close();
  }

  @Test
  void answersEachEntryLikeEventBridgeInRequestOrder() {
    PutEventsResponse response =
        eventBridge.putEvents(
            r ->
                r.entries(
                    entry("shop.checkout", "OrderPlaced", "{\"orderId\":\"42\"}").toBuilder()
                        .time(Instant.parse("2026-11-22T10:00:00Z"))
                        .resources("arn:aws:dynamodb:eu-central-1:123456789012:table/orders")
                        .eventBusName("arn:aws:events:eu-central-1:123456789012:event-bus/default")
                        .build(),
                    entry("aws.s3", "OrderPlaced", "{}"),
                    entry("shop.checkout", "OrderPlaced", "[1,2]"),
                    entry("shop.checkout", "x".repeat(129), "{}"),
                    entry(null, "OrderPlaced", "{}"),
                    entry("shop.checkout", "OrderPlaced", "{}").toBuilder()
                        .resources("not-an-arn")
                        .build()));

    assertThat(response.failedEntryCount()).isEqualTo(5);
    List<PutEventsResultEntry> entries = response.entries();
    assertThat(entries).hasSize(6);
    assertThat(entries.get(0).eventId()).isNotBlank();
    assertThat(entries.get(0).errorCode()).isNull();
    assertThat(entries.get(1).errorCode()).isEqualTo("NotAuthorizedForSourceException");
    assertThat(entries.get(2).errorCode()).isEqualTo("MalformedDetail");
    assertThat(entries.get(3).errorCode()).isEqualTo("InvalidArgument");
    assertThat(entries.get(3).errorMessage()).contains("DetailType");
    assertThat(entries.get(4).errorCode()).isEqualTo("InvalidArgument");
    assertThat(entries.get(4).errorMessage()).contains("Source");
    assertThat(entries.get(5).errorCode()).isEqualTo("InvalidArgument");
    assertThat(entries.get(5).errorMessage()).contains("Resources");
    assertThat(entries.subList(1, 6)).allSatisfy(e -> assertThat(e.eventId()).isNull());
    assertThat(response.responseMetadata().requestId()).isNotBlank().isNotEqualTo("UNKNOWN");
  }

  @Test
  void requestWithoutEntriesFailsAsAValidationException() {
    assertThatThrownBy(() -> eventBridge.putEvents(r -> r.entries(List.of())))
        .isInstanceOfSatisfying(
            EventBridgeException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            });
  }

  @Test
  void elevenEntriesAreRejected() {
    var eleven =
        java.util.stream.IntStream.range(0, 11)
            .mapToObj(i -> entry("shop.checkout", "OrderPlaced", "{}"))
            .toList();

    assertThatThrownBy(() -> eventBridge.putEvents(r -> r.entries(eleven)))
        .isInstanceOfSatisfying(
            EventBridgeException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
  }

  @Test
  void malformedRequestsGetAwsStyleErrorsAndTheBusKeepsServing() throws Exception {
    var notJson = post("AWSEvents.PutEvents", "{\"Entries\": [");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(notJson.body()).contains("\"__type\":\"SerializationException\"");

    var wrongType = post("AWSEvents.PutEvents", "{\"Entries\":[{\"Source\":5}]}");
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(wrongType.body()).contains("SerializationException");

    var oversized =
        post(
            "AWSEvents.PutEvents",
            "{\"Entries\":[{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":\"{\\\"a\\\":\\\""
                + "x".repeat(1_100_000)
                + "\\\"}\"}]}");
    assertThat(oversized.statusCode()).isEqualTo(400);
    assertThat(oversized.body()).contains("ValidationException").contains("over the limit");

    var otherOperation = post("AWSEvents.ListRules", "{}");
    assertThat(otherOperation.statusCode()).isEqualTo(400);
    assertThat(otherOperation.body()).contains("UnknownOperationException");

    var stillServing =
        post(
            "AWSEvents.PutEvents",
            "{\"Entries\":[{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":\"{}\"}]}");
    assertThat(stillServing.statusCode()).isEqualTo(200);
    assertThat(stillServing.headers().firstValue("Content-Type"))
        .hasValue("application/x-amz-json-1.1");
    assertThat(stillServing.body())
        .startsWith("{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":");
  }

  private HttpResponse<String> post(String target, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(runtime.localBusEndpoint())
            .header("X-Amz-Target", target)
            .header("Content-Type", "application/x-amz-json-1.1")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static PutEventsRequestEntry entry(String source, String detailType, String detail) {
    return PutEventsRequestEntry.builder()
        .source(source)
        .detailType(detailType)
        .detail(detail)
        .build();
  }
}
