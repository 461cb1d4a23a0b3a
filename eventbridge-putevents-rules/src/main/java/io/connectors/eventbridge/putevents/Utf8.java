package io.connectors.eventbridge.putevents;

/** UTF-8 byte lengths without encoding: sizing runs for every entry of every request. */
final class Utf8 {

  private Utf8() {}

  static int length(CharSequence text) {
    if (text == null) {
      return 0;
    }
    int length = text.length();
    int bytes = length;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (Character.isHighSurrogate(c)
            && i + 1 < length
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          bytes += 2; // four bytes for the pair, which counted as two chars
          i++;
        } else {
          bytes += 2;
        }
      }
    }
    return bytes;
  }
}
