/**
 * Local mode's stand-in for a Camunda cluster's Orchestration Cluster REST API (v2), on its own
 * port (8080, where Desktop Modeler and the Camunda clients expect it).
 *
 * <p><b>Why it has a web context of its own.</b> The connectors runtime is a Spring Boot
 * application whose component scan covers {@code io.connectors.eventbridge.runtime} and everything
 * below it, this package included. Scanned into the runtime's context, the classes here would do
 * harm rather than fail: {@link
 * io.connectors.eventbridge.runtime.local.cluster.ClusterApiConfiguration} defines a {@code
 * CamundaClient} bean, which the Camunda starter's {@code @ConditionalOnMissingBean} client would
 * then give way to, silently changing the client of the runtime's job workers and inbound importer;
 * the {@code @RestControllerAdvice} would turn every error of the runtime's own endpoints
 * (webhooks, actuator) into Camunda's problem answers; and the {@code /v2} endpoints would be
 * served a second time, on the runtime's port. The API also needs settings of its own (a port, no
 * static resources, Camunda's multipart limits) that must not reach the runtime, and the runtime's
 * settings (application.yaml, environment variables) must not reach it.
 *
 * <p>So {@link io.connectors.eventbridge.runtime.local.cluster.StandInCluster} starts it as a
 * separate, minimal Spring application with an environment of its own, and {@link
 * io.connectors.eventbridge.runtime.local.cluster.ClusterApiScanExclusion}, registered by local
 * mode's initializer, keeps this package out of the runtime's scan.
 *
 * <p>Its answers are Camunda's generated REST models ({@code io.camunda.client.protocol.rest} in
 * {@code camunda-client-java}), serialized by the context's Jackson as their annotations say, so
 * that a field's name, type or presence follows Camunda's OpenAPI spec rather than a hand-built
 * map.
 */
package io.connectors.eventbridge.runtime.local.cluster;
