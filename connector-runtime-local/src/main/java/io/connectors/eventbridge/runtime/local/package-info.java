/**
 * Local mode: the production connector runtime, unchanged, with an in-memory Camunda beside it, for
 * development only. This package holds what ties the parts together (the entry point, the
 * properties, the secrets and the start-up banner); each part has a package of its own:
 *
 * <ul>
 *   <li>{@code engine}: the in-memory engine with a real gRPC gateway, started by an initializer
 *       before any bean, and the start-up checks and failure analyses of local mode;
 *   <li>{@code cluster}: the stand-in Orchestration Cluster REST API, in a web context of its own
 *       (its {@code package-info} says why);
 *   <li>{@code bus}: the local EventBridge bus (PutEvents, rules, delivery to API destinations);
 *   <li>{@code deploy}: deployment of the BPMN files of the examples and watched folders.
 * </ul>
 */
package io.connectors.eventbridge.runtime.local;
