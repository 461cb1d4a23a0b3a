package io.connectors.eventbridge.outbound.custombus;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

/**
 * PutEvents on a Custom Event Bus over the model's protocol, Smithy RPC v2 CBOR, built from the
 * SDK's parts: its HTTP client, credential provider, SigV4 signer and retry strategy. The HTTP
 * client and the credential provider belong to the caller, who closes them.
 */
public final class RpcV2CborPutEvents implements CustomBusPutEvents {

  private final SdkHttpClient httpClient;
  private final AwsCredentialsProvider credentials;
  private final Region region;
  private final CustomBusEndpoints endpoints;
  private final RetryStrategy retryStrategy;
  private final RetryPause pause;
  private final Optional<CallLimits> limits;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final PutEventsEncoder encoder;
  private final PutEventsAnswerReader reader;

  public RpcV2CborPutEvents(
      SdkHttpClient httpClient,
      AwsCredentialsProvider credentials,
      Region region,
      CustomBusEndpoints endpoints,
      RetryStrategy retryStrategy,
      RetryPause pause) {
    this(httpClient, credentials, region, endpoints, retryStrategy, pause, Optional.empty());
  }

  /**
   * @param limits bounds each attempt and the call as a whole; without them an attempt ends only
   *     with the HTTP client's own timeouts
   */
  public RpcV2CborPutEvents(
      SdkHttpClient httpClient,
      AwsCredentialsProvider credentials,
      Region region,
      CustomBusEndpoints endpoints,
      RetryStrategy retryStrategy,
      RetryPause pause,
      Optional<CallLimits> limits) {
    this.httpClient = httpClient;
    this.credentials = credentials;
    this.region = region;
    this.endpoints = endpoints;
    this.retryStrategy = retryStrategy;
    this.pause = pause;
    this.limits = limits;
    CBORFactory cbor = new CBORFactory();
    this.encoder = new PutEventsEncoder(cbor);
    this.reader = new PutEventsAnswerReader(new CborValues(cbor));
  }

  /** With the retry conditions, backoff and token bucket of the SDK's standard mode. */
  public static RpcV2CborPutEvents withStandardRetries(
      SdkHttpClient httpClient,
      AwsCredentialsProvider credentials,
      Region region,
      CustomBusEndpoints endpoints) {
    return new RpcV2CborPutEvents(
        httpClient,
        credentials,
        region,
        endpoints,
        AwsRetryStrategy.standardRetryStrategy(),
        RetryPause.THREAD_SLEEP);
  }

  /** With the standard retries, each attempt and the call bounded by {@code limits}. */
  public static RpcV2CborPutEvents withStandardRetries(
      SdkHttpClient httpClient,
      AwsCredentialsProvider credentials,
      Region region,
      CustomBusEndpoints endpoints,
      CallLimits limits) {
    return new RpcV2CborPutEvents(
        httpClient,
        credentials,
        region,
        endpoints,
        AwsRetryStrategy.standardRetryStrategy(),
        RetryPause.THREAD_SLEEP,
        Optional.of(limits));
  }

  @Override
  public CustomBusResult putEvents(CustomBusRequest request) {
    long start = limits.map(CallLimits::start).orElse(0L);
    byte[] body = encoder.encode(request);
    AcquireInitialTokenResponse initial =
        retryStrategy.acquireInitialToken(AcquireInitialTokenRequest.create(region.id()));
    RetryToken token = initial.token();
    if (!pausedFor(initial.delay())) {
      throw new CustomBusUnreachableException(
          "(interrupted before the first attempt)", new InterruptedIOException());
    }
    while (true) {
      CustomBusException failure;
      try {
        CustomBusResult result = attempt(request, body, start);
        retryStrategy.recordSuccess(RecordSuccessRequest.create(token));
        return result;
      } catch (CustomBusServiceException | CustomBusUnreachableException retryable) {
        failure = retryable;
      }
      RefreshRetryTokenResponse next;
      try {
        next =
            retryStrategy.refreshRetryToken(
                RefreshRetryTokenRequest.builder()
                    .token(token)
                    .failure(asSdkSees(failure))
                    .build());
      } catch (TokenAcquisitionFailedException notRetried) {
        throw failure;
      }
      token = next.token();
      Duration delay = next.delay();
      if (limits.isPresent() && !limits.get().allowsRetryAfter(start, delay)) {
        throw failure;
      }
      if (!pausedFor(delay)) {
        throw failure;
      }
    }
  }

  /** False when interrupted, with the thread's interrupt flag set again. */
  private boolean pausedFor(Duration delay) {
    if (delay.isZero()) {
      return true;
    }
    try {
      pause.pause(delay);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private CustomBusResult attempt(CustomBusRequest request, byte[] body, long start) {
    AwsCredentials identity = credentials.resolveCredentials();
    URI endpoint = endpoints.resolve(region, request.eventBusArn(), identity.accountId());
    SdkHttpRequest unsigned =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint)
            .encodedPath(joinPath(endpoint.getRawPath()))
            .putHeader(CustomBusModel.PROTOCOL_HEADER, CustomBusModel.PROTOCOL)
            .putHeader("Accept", CustomBusModel.CBOR)
            .putHeader("Content-Type", CustomBusModel.CBOR)
            .putHeader("Content-Length", Integer.toString(body.length))
            .build();
    SignedRequest signed =
        signer.sign(
            sign ->
                sign.identity(identity)
                    .request(unsigned)
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, CustomBusModel.SIGNING_NAME)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
    ExecutableHttpRequest call =
        httpClient.prepareRequest(
            HttpExecuteRequest.builder()
                .request(signed.request())
                .contentStreamProvider(signed.payload().orElse(null))
                .build());
    Optional<ScheduledFuture<?>> abort =
        limits.map(bounds -> bounds.abortLater(start, call::abort));
    try {
      HttpExecuteResponse response = call.call();
      byte[] answer = readBody(response);
      String requestId =
          response.httpResponse().firstMatchingHeader("x-amzn-RequestId").orElse(null);
      return reader.read(
          response.httpResponse().statusCode(), answer, requestId, request.entries().size());
    } catch (IOException e) {
      // An aborted attempt ends here too: the HTTP client fails the aborted exchange with an
      // IOException, which the retry strategy treats as any broken connection.
      throw new CustomBusUnreachableException(endpoint.getHost(), e);
    } finally {
      abort.ifPresent(pending -> pending.cancel(false));
    }
  }

  /**
   * botocore's join of an endpoint and the operation's path: an override's own path stays in front,
   * without doubling a trailing slash.
   */
  private static String joinPath(String endpointPath) {
    String base = endpointPath == null ? "" : endpointPath;
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + CustomBusModel.PATH;
  }

  private static byte[] readBody(HttpExecuteResponse response) throws IOException {
    if (response.responseBody().isEmpty()) {
      return new byte[0];
    }
    try (InputStream in = response.responseBody().get()) {
      return in.readAllBytes();
    }
  }

  /**
   * The failure as the SDK's own client would have raised it, so that the SDK's retry conditions
   * (retryable and throttling error codes, 5xx statuses, I/O failures) decide as they do for the
   * generated clients.
   */
  private static Throwable asSdkSees(CustomBusException failure) {
    return switch (failure) {
      case CustomBusServiceException service ->
          AwsServiceException.builder()
              .statusCode(service.httpStatus())
              .awsErrorDetails(
                  AwsErrorDetails.builder()
                      .errorCode(service.errorCode())
                      .serviceName(CustomBusModel.TARGET_PREFIX)
                      .build())
              .build();
      case CustomBusUnreachableException unreachable ->
          SdkClientException.create(unreachable.getMessage(), unreachable.getCause());
      case CustomBusMalformedAnswerException malformed -> malformed;
      case CustomBusConfigurationException configuration -> configuration;
      case CustomBusClosedException closed -> closed;
    };
  }
}
