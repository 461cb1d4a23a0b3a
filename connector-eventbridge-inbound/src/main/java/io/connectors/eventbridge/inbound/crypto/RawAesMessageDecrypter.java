package io.connectors.eventbridge.inbound.crypto;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.exception.BadCiphertextException;
import io.connectors.eventbridge.inbound.model.DecryptionCommitmentPolicy;
import java.nio.ByteBuffer;
import java.util.Arrays;
import software.amazon.cryptography.materialproviders.ICryptographicMaterialsManager;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.AesWrappingAlg;
import software.amazon.cryptography.materialproviders.model.CreateDefaultCryptographicMaterialsManagerInput;
import software.amazon.cryptography.materialproviders.model.CreateRawAesKeyringInput;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;

/**
 * Decrypts AWS Encryption SDK messages made for one raw AES keyring (AES-256-GCM wrapping), the
 * scheme Control Room uses for On-Demand Worker Requests.
 *
 * <p>Why the 3.x SDK: its {@code RawAesKeyring} is the same keyring, by name, that the JavaScript
 * producer uses ({@code RawAesKeyringNode}), so namespace, name and wrapping suite map one to one;
 * it is the SDK line AWS develops; and the parent already pins it. The price is a larger class path
 * (the Material Providers library with the Dafny runtime, and KMS/DynamoDB clients that a raw AES
 * keyring never calls). 2.4.1's {@code JceMasterKey} would decrypt the same messages with only
 * Bouncy Castle, but at 1.75, with CVEs; both lines need a Bouncy Castle override (see the pom).
 *
 * <p>Built once per activation: the keyring, its materials manager and the {@link AwsCrypto}
 * instance are immutable and safe for concurrent use by all request threads.
 */
final class RawAesMessageDecrypter {

  /**
   * The producer wraps one data key for one raw AES key. Bounding the encrypted data keys a message
   * may carry bounds the work a forged message can cause.
   */
  private static final int MAX_ENCRYPTED_DATA_KEYS = 3;

  private final AwsCrypto crypto;
  private final ICryptographicMaterialsManager materialsManager;

  RawAesMessageDecrypter(
      byte[] wrappingKey,
      String keyNamespace,
      String keyName,
      DecryptionCommitmentPolicy commitmentPolicy) {
    this.crypto =
        AwsCrypto.builder()
            .withCommitmentPolicy(sdkPolicy(commitmentPolicy))
            .withMaxEncryptedDataKeys(MAX_ENCRYPTED_DATA_KEYS)
            .build();
    var materialProviders =
        MaterialProviders.builder()
            .MaterialProvidersConfig(MaterialProvidersConfig.builder().build())
            .build();
    IKeyring keyring =
        materialProviders.CreateRawAesKeyring(
            CreateRawAesKeyringInput.builder()
                .keyNamespace(keyNamespace)
                .keyName(keyName)
                .wrappingKey(ByteBuffer.wrap(wrappingKey.clone()))
                .wrappingAlg(AesWrappingAlg.ALG_AES256_GCM_IV12_TAG16)
                .build());
    Arrays.fill(wrappingKey, (byte) 0);
    // decryptData(IKeyring, ...) would wrap the keyring in a new materials manager per message;
    // building it once keeps that off the request path.
    this.materialsManager =
        materialProviders.CreateDefaultCryptographicMaterialsManager(
            CreateDefaultCryptographicMaterialsManagerInput.builder().keyring(keyring).build());
  }

  /**
   * @return the plaintext; the caller should clear it once read
   * @throws DecryptionFailed with a reason that names the kind of failure only
   */
  byte[] decrypt(byte[] message) {
    try {
      return crypto.decryptData(materialsManager, message).getResult();
    } catch (BadCiphertextException tampered) {
      throw new DecryptionFailed(
          "detail.encrypted_payload could not be decrypted: the message is corrupt or was"
              + " tampered with");
    } catch (RuntimeException rejected) {
      // The SDK and the Material Providers library report a wrong key, a foreign key name, a
      // suite the commitment policy forbids and a malformed header through many unchecked types
      // (AwsCryptoException, CollectionOfErrors, OpaqueError, InvalidDecryptionMaterials, ...),
      // with messages we do not forward: they can quote header fields. Any of them means the
      // event cannot be decrypted, which the sender must not retry (422), never a 500.
      throw new DecryptionFailed(
          "detail.encrypted_payload could not be decrypted: wrong key, key namespace or key name,"
              + " an algorithm suite the commitment policy does not allow, or a malformed"
              + " message");
    }
  }

  private static CommitmentPolicy sdkPolicy(DecryptionCommitmentPolicy policy) {
    return switch (policy) {
      case REQUIRE_ENCRYPT_ALLOW_DECRYPT -> CommitmentPolicy.RequireEncryptAllowDecrypt;
      case REQUIRE_ENCRYPT_REQUIRE_DECRYPT -> CommitmentPolicy.RequireEncryptRequireDecrypt;
    };
  }

  @Override
  public String toString() {
    return "RawAesMessageDecrypter[key=<redacted>]";
  }
}
