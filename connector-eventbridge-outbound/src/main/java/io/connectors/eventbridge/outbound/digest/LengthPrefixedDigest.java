package io.connectors.eventbridge.outbound.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A SHA-256 digest of a sequence of texts in which no two different sequences write the same bytes:
 * each part is marked absent or written as its UTF-8 length, a colon and its bytes, and a list is
 * preceded by its size. Separators alone cannot promise that, since any text may contain them, and
 * neither can a marker text, which a list may contain as well.
 *
 * <p>Used wherever an entry's content identifies it: the connector's progress and derived
 * deduplication IDs, and the local bus's content-based deduplication.
 */
public final class LengthPrefixedDigest {

  private final MessageDigest sha256;

  private LengthPrefixedDigest() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  public static LengthPrefixedDigest sha256() {
    return new LengthPrefixedDigest();
  }

  /** One part, null when absent (which differs from every text, the empty one included). */
  public LengthPrefixedDigest add(String part) {
    if (part == null) {
      sha256.update((byte) 0);
      return this;
    }
    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
    sha256.update((byte) 1);
    sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    sha256.update((byte) ':');
    sha256.update(bytes);
    return this;
  }

  /** A list's size, then each of its members. */
  public LengthPrefixedDigest addAll(List<String> parts) {
    add(Integer.toString(parts.size()));
    parts.forEach(this::add);
    return this;
  }

  /** The whole digest in lower-case hex; ends this digest. */
  public String hex() {
    return HexFormat.of().formatHex(sha256.digest());
  }

  /** The digest's first {@code bytes} bytes in lower-case hex; ends this digest. */
  public String hex(int bytes) {
    return HexFormat.of().formatHex(sha256.digest(), 0, bytes);
  }
}
