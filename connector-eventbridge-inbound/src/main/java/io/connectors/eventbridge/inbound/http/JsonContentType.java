package io.connectors.eventbridge.inbound.http;

import java.util.Locale;

/**
 * The one rule for which {@code Content-Type} a webhook accepts: {@code application/json} or {@code
 * application/<name>+json}, optionally with parameters, of which {@code charset} (at most once)
 * must be UTF-8, the only encoding JSON may have between systems (RFC 8259).
 *
 * <p>Parsed by hand along RFC 9110's grammar, without a library: a library's parser either accepts
 * what we must refuse (wildcards such as {@code application/*+json}) or throws on what we must
 * answer with 415 (an unknown charset), and the runtime's own parser turned those into 500s. The
 * runtime's request filter and the connector both call this, so a runtime without our filter still
 * answers the same.
 */
public final class JsonContentType {

  private JsonContentType() {}

  public static boolean accepts(String header) {
    if (header == null) {
      return false;
    }
    String[] parts = header.split(";", -1);
    String type = parts[0].strip().toLowerCase(Locale.ROOT);
    int slash = type.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String main = type.substring(0, slash);
    String sub = type.substring(slash + 1);
    if (!main.equals("application") || !isToken(sub) || sub.indexOf('*') >= 0) {
      return false;
    }
    if (!sub.equals("json") && !(sub.endsWith("+json") && sub.length() > "+json".length())) {
      return false;
    }
    boolean charsetSeen = false;
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip();
      if (parameter.isEmpty()) {
        // RFC 9110 allows empty parameters ("application/json;").
        continue;
      }
      int equals = parameter.indexOf('=');
      if (equals <= 0) {
        return false;
      }
      String name = parameter.substring(0, equals);
      String value = parameter.substring(equals + 1);
      if (!isToken(name) || !isValue(value)) {
        return false;
      }
      if (name.equalsIgnoreCase("charset")) {
        if (charsetSeen || !unquote(value).equalsIgnoreCase("utf-8")) {
          return false;
        }
        charsetSeen = true;
      }
    }
    return true;
  }

  private static boolean isValue(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      // A quoted string without escapes or further quotes: all a media type needs.
      String inner = value.substring(1, value.length() - 1);
      return inner.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\');
    }
    return isToken(value);
  }

  private static String unquote(String value) {
    return value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
  }

  /** RFC 9110 token: one or more visible ASCII characters other than delimiters. */
  static boolean isToken(String value) {
    if (value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean tchar =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!tchar) {
        return false;
      }
    }
    return true;
  }
}
