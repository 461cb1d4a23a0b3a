package io.connectors.eventbridge.runtime.local.bus.custombus;

import io.connectors.eventbridge.outbound.custombus.CustomBusEntry;
import io.connectors.eventbridge.outbound.custombus.RequestDeduplication;
import io.connectors.eventbridge.outbound.digest.LengthPrefixedDigest;
import java.util.Optional;

/**
 * What makes two entries the same event: the caller's {@code DeduplicationId}, or with {@code
 * CONTENT_BASED} a digest of the entry's content. The check is scoped to the bus, and to the event
 * group when the entry has one. On AWS it is scoped to the publishing account too (ungrouped
 * entries excepted); the local bus checks no credentials, so it knows no publishing account, and it
 * knows a bus by its name, as its subscribers do.
 *
 * @param eventGroupId the entry's group, or null (all ungrouped entries share one scope)
 * @param token the deduplication ID, or {@code sha256:} and the content's digest
 */
record DeduplicationKey(String bus, String eventGroupId, String token) {

  /** The entry's key, or empty when nothing deduplicates it (no ID, not content-based). */
  static Optional<DeduplicationKey> of(
      String bus, CustomBusEntry entry, RequestDeduplication deduplication) {
    String token =
        switch (deduplication) {
          case CONTENT_BASED -> "sha256:" + contentDigest(entry);
          case BY_ENTRY_ID -> entry.deduplicationId();
        };
    return Optional.ofNullable(token).map(t -> new DeduplicationKey(bus, entry.eventGroupId(), t));
  }

  /**
   * The digest of what the caller sent as the event: source, detail type, detail, resources and
   * time, each length-prefixed (as the connector digests its entries) so that no two different
   * entries write the same bytes.
   */
  private static String contentDigest(CustomBusEntry entry) {
    return LengthPrefixedDigest.sha256()
        .add(entry.source())
        .add(entry.detailType())
        .add(entry.detail())
        .addAll(entry.resources())
        .add(entry.time() == null ? null : entry.time().toString())
        .hex();
  }
}
