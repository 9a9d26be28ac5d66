package dev.oauth2jwt.keys.control;

import dev.oauth2jwt.keys.entity.Algorithm;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Key settings and key managers as the server builds them, without a server: for the unit tests of other packages. */
public final class TestKeys {

    /** A 32-byte secret, the shortest HS256 accepts. */
    public static final String SECRET = "0123456789abcdef0123456789abcdef";
    public static final String PREVIOUS = "the-previous-secret-0123456789abcdef";

    private TestKeys() {
    }

    /** HS256 with this secret (none: a random one) and those still accepted, tokens living 30 minutes. */
    public static KeySettings hs256(String secret, String... previous) {
        return new KeySettings(Algorithm.HS256, Optional.ofNullable(secret), List.of(previous), Optional.empty(), List.of(), 30,
                Optional.empty(), Optional.empty(), List.of(), 30, 30);
    }

    /** RS256 or ES256 from a key file, with older public keys still accepted. */
    public static KeySettings keyFile(Algorithm algorithm, Path signing, Path... previous) {
        return new KeySettings(algorithm, Optional.empty(), List.of(), Optional.of(signing.toString()),
                Arrays.stream(previous).map(Path::toString).toList(), 30, Optional.empty(), Optional.empty(), List.of(), 30, 30);
    }

    /** These settings, with a secret configured beside them (tokens of an earlier HS256 setup still accepted). */
    public static KeySettings withSecret(KeySettings settings, String secret) {
        return new KeySettings(settings.algorithm(), Optional.of(secret), settings.previousSecrets(), settings.signingKeyFile(),
                settings.previousKeyFiles(), settings.rotationDays(), settings.encryptionKey(), settings.encryptionKeyFile(),
                settings.previousEncryptionKeys(), settings.maxTokenLifetimeMinutes(), settings.clockSkewSeconds());
    }

    /** Keys the server makes and keeps, encrypted with this key (null: none) and readable with the previous ones. */
    public static KeySettings stored(Algorithm algorithm, String encryptionKey, String... previousEncryptionKeys) {
        return new KeySettings(algorithm, Optional.empty(), List.of(), Optional.empty(), List.of(), 30, Optional.ofNullable(encryptionKey),
                Optional.empty(), List.of(previousEncryptionKeys), 30, 30);
    }

    /** The key manager of secrets or key files, loaded. */
    public static KeyManager manager(KeySettings settings) {
        KeyManager keys = new KeyManager();
        keys.settings = settings;
        keys.storedKeys = () -> {
            throw new IllegalStateException("no database here: these settings need none");
        };
        keys.load();
        return keys;
    }

    /** The key manager of the seed: HS256 with {@link #SECRET}. */
    public static KeyManager hs256Manager() {
        return manager(hs256(SECRET));
    }

    /** The key manager of stored keys, loaded from these. */
    public static KeyManager manager(KeySettings settings, StoredKeys stored) {
        KeyManager keys = new KeyManager();
        keys.settings = settings;
        keys.storedKeys = () -> stored;
        keys.load();
        return keys;
    }

    public static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    public static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** A key as openssl writes it. */
    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** Key encryption as configured in these settings. */
    public static KeyEncryption encryption(KeySettings settings) {
        KeyEncryption encryption = new KeyEncryption();
        encryption.settings = settings;
        encryption.read();
        return encryption;
    }
}
