package io.connectors.eventbridge.outbound.send;

import io.connectors.eventbridge.outbound.digest.LengthPrefixedDigest;
import io.connectors.eventbridge.putevents.PutEventsRules;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * A validated entry, ready for the wire.
 *
 * @param index position in the task's input, so results can be put back in request order
 * @param path how error messages name it, e.g. {@code event.events[3]}
 * @param sizeBytes its size by AWS's PutEvents entry-size formula, plus on a Custom Event Bus the
 *     UTF-8 bytes of its event group and deduplication ID
 * @param eventGroupId on a Custom Event Bus: the entry's event group, or null
 * @param deduplicationId on a Custom Event Bus: the entry's deduplication ID, or null
 */
public record PreparedEntry(
    int index,
    String path,
    PutEventsRequestEntry entry,
    int sizeBytes,
    String eventGroupId,
    String deduplicationId) {

  /** 128 bits: enough to tell an entry's versions apart, and short in the job's variables. */
  private static final int DIGEST_BYTES = 16;

  /** An entry for a classic bus, which has no system metadata. */
  public PreparedEntry(int index, String path, PutEventsRequestEntry entry, int sizeBytes) {
    this(index, path, entry, sizeBytes, null, null);
  }

  /**
   * The same entry with a Custom Event Bus's system metadata, its size grown by the metadata's
   * UTF-8 bytes: they go on the wire with the entry, so calls are packed with them counted.
   */
  PreparedEntry withSystemMetadata(String eventGroupId, String deduplicationId) {
    int withoutMetadata =
        sizeBytes - utf8Length(this.eventGroupId) - utf8Length(this.deduplicationId);
    return new PreparedEntry(
        index,
        path,
        entry,
        withoutMetadata + utf8Length(eventGroupId) + utf8Length(deduplicationId),
        eventGroupId,
        deduplicationId);
  }

  private static int utf8Length(String text) {
    return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * A digest of everything that goes on the wire for this entry, so a job retry can tell that the
   * entry an earlier attempt put at this index is still the same event. The event group counts (it
   * changes the event's place in the bus's order); the deduplication ID does not, since the default
   * one is derived from this digest. Every part is length-prefixed and the resources counted, so
   * that no two different entries share a digest.
   */
  public String hash() {
    return LengthPrefixedDigest.sha256()
        .add(entry.eventBusName())
        .add(entry.source())
        .add(entry.detailType())
        .add(entry.detail())
        .add(entry.time() == null ? null : entry.time().toString())
        .add(entry.traceHeader())
        .addAll(entry.hasResources() ? entry.resources() : List.of())
        .add(eventGroupId)
        .hex(DIGEST_BYTES);
  }

  /**
   * Whether {@code hash}, recorded in a job's progress, is this entry's: its {@link #hash()}, or
   * the digest versions before {@link #hash()} length-prefixed its parts wrote, so that a job
   * retried across an upgrade still skips what it put.
   */
  public boolean hasHash(String hash) {
    return hash.equals(hash()) || hash.equals(separatorHash());
  }

  /** The earlier digest: each part followed by a zero byte, the event group after a marker. */
  private String separatorHash() {
    List<String> parts =
        new ArrayList<>(
            List.of(
                String.valueOf(entry.eventBusName()),
                String.valueOf(entry.source()),
                String.valueOf(entry.detailType()),
                String.valueOf(entry.detail()),
                String.valueOf(entry.time()),
                String.valueOf(entry.traceHeader())));
    if (entry.hasResources()) {
      parts.addAll(entry.resources());
    }
    if (eventGroupId != null) {
      parts.add("eventGroupId");
      parts.add(eventGroupId);
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest(), 0, DIGEST_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** The entry's size by AWS's formula ({@link PutEventsRules#entrySize}). */
  public static int sizeOf(PutEventsRequestEntry entry) {
    return PutEventsRules.entrySize(
        entry.time() != null,
        entry.source(),
        entry.detailType(),
        entry.detail(),
        entry.hasResources() ? entry.resources() : null);
  }
}
