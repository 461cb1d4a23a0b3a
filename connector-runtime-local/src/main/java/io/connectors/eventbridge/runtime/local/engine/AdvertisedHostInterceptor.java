package io.connectors.eventbridge.runtime.local.engine;

import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyResponse;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Puts the host the gateway is reached on into its topology answers: the in-memory engine reports
 * {@code 0.0.0.0}, which a client cannot connect to.
 */
final class AdvertisedHostInterceptor implements ServerInterceptor {

  private final String host;

  AdvertisedHostInterceptor(String host) {
    this.host = host;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (!"Topology".equals(call.getMethodDescriptor().getBareMethodName())) {
      return next.startCall(call, headers);
    }
    return next.startCall(
        new SimpleForwardingServerCall<>(call) {
          @Override
          @SuppressWarnings("unchecked")
          public void sendMessage(R message) {
            super.sendMessage(
                message instanceof TopologyResponse topology ? (R) withHost(topology) : message);
          }
        },
        headers);
  }

  private TopologyResponse withHost(TopologyResponse topology) {
    var builder = topology.toBuilder();
    for (int i = 0; i < builder.getBrokersCount(); i++) {
      builder.setBrokers(i, builder.getBrokers(i).toBuilder().setHost(host));
    }
    return builder.build();
  }
}
