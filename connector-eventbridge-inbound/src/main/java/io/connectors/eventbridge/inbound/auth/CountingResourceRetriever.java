package io.connectors.eventbridge.inbound.auth;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URL;

/**
 * Counts JWKS downloads, so operators see a key source that is fetched too often (unknown key IDs
 * forcing refetches) or that fails.
 */
final class CountingResourceRetriever implements ResourceRetriever {

  private static final String FETCHES = "eventbridge.webhook.jwks.fetches";

  private final ResourceRetriever delegate;
  private final Counter succeeded;
  private final Counter failed;

  CountingResourceRetriever(ResourceRetriever delegate, MeterRegistry registry) {
    this.delegate = delegate;
    succeeded = registry.counter(FETCHES, "outcome", "success");
    failed = registry.counter(FETCHES, "outcome", "failure");
  }

  @Override
  public Resource retrieveResource(URL url) throws IOException {
    try {
      var resource = delegate.retrieveResource(url);
      succeeded.increment();
      return resource;
    } catch (IOException | RuntimeException failure) {
      failed.increment();
      throw failure;
    }
  }
}
