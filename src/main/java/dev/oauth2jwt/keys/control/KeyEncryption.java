package dev.oauth2jwt.keys.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the private keys the server keeps in the database (RS256/ES256 without a key file), so
 * that a copy of the database (a backup, a replica, a dump) holds no key that signs tokens. AES-256
 * in GCM mode under a key derived from {@code JWT_KEY_ENCRYPTION_KEY} (or the file named by
 * {@code JWT_KEY_ENCRYPTION_KEY_FILE}), which lives outside the database; each value bound to its
 * key's id and algorithm, so that no stored value can be moved to another row. Stored as
 * {@code enc1:<id of the encryption key>:<base64 of nonce and ciphertext>}. Keys encrypted under one
 * of {@code JWT_PREVIOUS_KEY_ENCRYPTION_KEYS} are still read (and encrypted again under the current
 * one at start-up).
 */
@ApplicationScoped
public class KeyEncryption {

    static final String PREFIX = "enc1:";
    static final int MIN_SECRET_BYTES = 32;
    private static final byte[] KEY_LABEL = "oauth2-jwt stored signing keys, AES-256-GCM".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID_LABEL = "oauth2-jwt stored signing keys, key id".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One encryption key: its id (derived, reveals nothing) and the AES key. */
    record Key(String id, SecretKeySpec aes) {
    }

    /** Why a stored private key cannot be used. */
    public static class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    @Inject
    KeySettings settings;

    private Key current;
    private List<Key> previous;

    @PostConstruct
    void read() {
        Optional<String> value = settings.encryptionKey().isPresent() ? settings.encryptionKey()
                : settings.encryptionKeyFile().map(KeyEncryption::readFile);
        current = value.map(text -> key("JWT_KEY_ENCRYPTION_KEY", text)).orElse(null);
        List<Key> older = new ArrayList<>();
        for (String text : settings.previousEncryptionKeys()) {
            older.add(key("A key of JWT_PREVIOUS_KEY_ENCRYPTION_KEYS", text));
        }
        previous = List.copyOf(older);
    }

    /** Whether an encryption key is configured: without one, no private key may be stored. */
    public boolean configured() {
        return current != null;
    }

    /** The private key encrypted under the current key, bound to its key id and algorithm. */
    public String encrypt(String kid, String algorithm, byte[] privateKey) {
        if (current == null) {
            throw new IllegalStateException(missing());
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current.aes(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated(kid, algorithm));
            byte[] sealed = cipher.doFinal(privateKey);
            byte[] stored = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + current.id() + ":" + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a signing key", e);
        }
    }

    /** The private key of a stored value, under the current or a previous encryption key. */
    public byte[] decrypt(String kid, String algorithm, String stored) throws Unreadable {
        if (!stored.startsWith(PREFIX)) {
            throw new Unreadable("the stored private key of " + kid + " is not encrypted; " + (current == null ? missing()
                    : "it will be at the next start"));
        }
        String[] parts = stored.substring(PREFIX.length()).split(":", 2);
        Key key = parts.length != 2 ? null : current != null && current.id().equals(parts[0]) ? current
                : previous.stream().filter(candidate -> candidate.id().equals(parts[0])).findFirst().orElse(null);
        if (key == null) {
            throw new Unreadable("the stored private key of " + kid + " was encrypted under a key that is neither "
                    + "JWT_KEY_ENCRYPTION_KEY nor one of JWT_PREVIOUS_KEY_ENCRYPTION_KEYS");
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(parts[1]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.aes(), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associated(kid, algorithm));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Unreadable("the stored private key of " + kid + " does not decrypt: altered, or moved from another row");
        }
    }

    /** Whether a stored value should be written again: plain, or under a previous encryption key. */
    public boolean outdated(String stored) {
        return current != null && !stored.startsWith(PREFIX + current.id() + ":");
    }

    private static String missing() {
        return "JWT_KEY_ENCRYPTION_KEY is not set: the signing keys the server keeps in the database are encrypted with "
                + "it (at least 32 bytes; make one with: openssl rand -hex 32, the same on every instance)";
    }

    private static byte[] associated(String kid, String algorithm) {
        return (kid + ":" + algorithm).getBytes(StandardCharsets.US_ASCII);
    }

    private static Key key(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(name + " is " + bytes.length + " bytes long; it needs at least " + MIN_SECRET_BYTES
                    + " bytes: make one with: openssl rand -hex 32");
        }
        byte[] id = java.util.Arrays.copyOf(hmac(bytes, ID_LABEL), 9);
        return new Key(Base64.getUrlEncoder().withoutPadding().encodeToString(id), new SecretKeySpec(hmac(bytes, KEY_LABEL), "AES"));
    }

    private static byte[] hmac(byte[] secret, byte[] label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(label);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readFile(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("JWT_KEY_ENCRYPTION_KEY_FILE '" + Path.of(file).toAbsolutePath() + "' cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
