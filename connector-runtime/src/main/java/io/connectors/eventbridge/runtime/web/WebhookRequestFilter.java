package io.connectors.eventbridge.runtime.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The runtime's one filter in front of its webhook controller. It reads the path once, resolves the
 * webhook once (its registry entry, and for an active EventBridge webhook its request contract) and
 * hands that {@link WebhookTarget} to its stages, cheapest first, each of which may answer:
 *
 * <ol>
 *   <li>{@link AvailabilityStage}: 503 while the replica starts or the webhook is deployed but not
 *       active here yet;
 *   <li>{@link RequestContractStage}: 204 to OPTIONS, 405, 415;
 *   <li>{@link ConcurrencyLimitStage}: 429 beyond the adaptive limit, around the rest;
 *   <li>{@link BodyLimitStage}: 413 (400 for an unreadable body), then the runtime gets the body
 *       already read;
 *   <li>{@link RuntimeFailureStage}: around the runtime, its own 500 becomes 503, outcome unknown.
 * </ol>
 *
 * <p>Ordered after Spring's character encoding filter ({@code HIGHEST_PRECEDENCE}) and its
 * observation filter ({@code HIGHEST_PRECEDENCE + 1}), so every answer of ours is timed in {@code
 * http.server.requests} like the runtime's own.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class WebhookRequestFilter extends OncePerRequestFilter {

  private final AvailabilityStage availability;
  private final RequestContractStage contract;
  private final ConcurrencyLimitStage concurrency;
  private final BodyLimitStage bodyLimit;
  private final RuntimeFailureStage runtimeFailure;
  private final List<String> bodyLimitedPrefixes;

  WebhookRequestFilter(
      AvailabilityStage availability,
      RequestContractStage contract,
      ConcurrencyLimitStage concurrency,
      BodyLimitStage bodyLimit,
      RuntimeFailureStage runtimeFailure,
      ObjectProvider<BodyLimitedPath> bodyLimitedPaths) {
    this.availability = availability;
    this.contract = contract;
    this.concurrency = concurrency;
    this.bodyLimit = bodyLimit;
    this.runtimeFailure = runtimeFailure;
    this.bodyLimitedPrefixes =
        bodyLimitedPaths.orderedStream().map(BodyLimitedPath::prefix).toList();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long arrival = System.nanoTime();
    switch (RequestPath.of(request.getRequestURI(), bodyLimitedPrefixes)) {
      case RequestPath.Webhook webhook -> {
        var target = availability.resolve(webhook.webhookId(), arrival, response);
        if (target.isPresent()) {
          afterAvailability(request, response, target.get(), chain);
        }
      }
      case RequestPath.WebhookWithoutId withoutId ->
          afterAvailability(request, response, WebhookTarget.NO_CONTRACT, chain);
      case RequestPath.BodyLimitedOnly bodyLimited ->
          withinBodyLimit(request, response, WebhookTarget.NO_CONTRACT, chain);
      case RequestPath.Unfiltered unfiltered -> chain.doFilter(request, response);
    }
  }

  private void afterAvailability(
      HttpServletRequest request,
      HttpServletResponse response,
      WebhookTarget target,
      FilterChain chain)
      throws ServletException, IOException {
    if (contract.answered(request, response, target)) {
      return;
    }
    concurrency.around(
        request, response, target, () -> withinBodyLimit(request, response, target, chain));
  }

  private void withinBodyLimit(
      HttpServletRequest request,
      HttpServletResponse response,
      WebhookTarget target,
      FilterChain chain)
      throws ServletException, IOException {
    var withBody = bodyLimit.withinLimit(request, response, target);
    if (withBody.isPresent()) {
      runtimeFailure.around(withBody.get(), response, target, chain);
    }
  }
}
