package io.connectors.eventbridge.outbound.benchmark;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The benchmark's self-signed key material for the loopback PutEvents stand-in over HTTPS, which
 * the real service speaks.
 */
final class LoopbackTls {

  private LoopbackTls() {}

  /** The stand-in's server side, with the key for 127.0.0.1. */
  static SSLContext server() throws Exception {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = LoopbackTls.class.getResourceAsStream("/loopback-server.p12")) {
      keyStore.load(in, "benchmark".toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, "benchmark".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  /** Clients built after this trust the stand-in's certificate through the JDK defaults. */
  static void trustForClients() throws Exception {
    Path trustStore = Path.of(LoopbackTls.class.getResource("/loopback-trust.p12").toURI());
    System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
    System.setProperty("javax.net.ssl.trustStorePassword", "benchmark");
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
  }
}
