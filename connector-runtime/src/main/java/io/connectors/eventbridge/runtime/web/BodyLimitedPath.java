package io.connectors.eventbridge.runtime.web;

/**
 * A path prefix, besides the webhooks, whose request bodies the runtime-wide size limit applies to
 * while they are read. Declared as a bean by whatever serves the path (local mode's event bus).
 */
public record BodyLimitedPath(String prefix) {}
