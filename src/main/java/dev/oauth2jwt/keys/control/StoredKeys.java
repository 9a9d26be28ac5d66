package dev.oauth2jwt.keys.control;

import dev.oauth2jwt.keys.entity.Algorithm;
import dev.oauth2jwt.keys.entity.SigningKey;
import dev.oauth2jwt.keys.entity.StoredKey;
import dev.oauth2jwt.persistence.control.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * The signing keys the server makes itself (RS256 or ES256 without {@code JWT_SIGNING_KEY_FILE}), in
 * the database: one active, one next (published, not yet signing), and the retired ones still
 * published. Every change runs under a lock of the one row of {@code key_rotation_lock}, so that
 * instances starting or rotating at the same moment never both make keys. Their private halves are
 * encrypted ({@link KeyEncryption}): each pass checks that every one decrypts (a start-up with a
 * wrong or missing encryption key fails, saying so) and encrypts again those that are plain or under
 * a previous encryption key.
 */
@ApplicationScoped
public class StoredKeys {

    @Inject
    Database database;

    @Inject
    KeyEncryption encryption;

    Clock clock = Clock.systemUTC();

    /**
     * The keys of the configured algorithm, as they should be now: made when there are none, rotated
     * when the active one is older than {@code JWT_KEY_ROTATION_DAYS}, a next one always ready; keys
     * of another algorithm retired; retired keys deleted once no token they signed can be valid. The
     * active key first.
     */
    public List<StoredKey> ensure(KeySettings settings) {
        String algorithm = settings.algorithm().jws();
        long rotationMillis = settings.rotationMillis();
        long keepMillis = settings.retiredKeysKeptMillis();
        return database.inTransaction(em -> {
            lock(em);
            long now = clock.millis();
            for (StoredKey key : all(em)) {
                readable(key);
                if (!key.algorithm().equals(algorithm) && key.retiredAt() == null) {
                    key.retire(now);   // the algorithm changed: published until its tokens expire
                }
            }
            StoredKey active = active(em, algorithm);
            if (active == null || active.activatedAt() + rotationMillis <= now) {
                rotate(em, algorithm, active, now);
            } else if (next(em, algorithm) == null) {
                em.persist(generate(algorithm, now));
            }
            return published(em, keepMillis, now);
        });
    }

    /** Retires the active key, activates the next one and makes a new next one. */
    public List<StoredKey> rotate(KeySettings settings) {
        String algorithm = settings.algorithm().jws();
        long keepMillis = settings.retiredKeysKeptMillis();
        return database.inTransaction(em -> {
            lock(em);
            long now = clock.millis();
            rotate(em, algorithm, active(em, algorithm), now);
            return published(em, keepMillis, now);
        });
    }

    /** The keys published now, the active one first, as another instance left them: reads only. */
    public List<StoredKey> published() {
        return database.read(em -> all(em).stream().sorted((a, b) -> Boolean.compare(b.active(), a.active())).toList());
    }

    /** The stored keys as signing keys: the active one signs (its private half decrypted), the others verify only. */
    public List<SigningKey> signingKeys(List<StoredKey> keys) {
        List<SigningKey> result = new ArrayList<>();
        for (StoredKey key : keys) {
            Algorithm algorithm = Algorithm.of(key.algorithm()).filter(Algorithm::asymmetric)
                    .orElseThrow(() -> new IllegalStateException("the stored key " + key.kid() + " has no key pair algorithm"));
            try {
                KeyFactory factory = KeyFactory.getInstance(algorithm.keyType());
                PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKey())));
                PrivateKey privateKey = key.active() ? factory.generatePrivate(new PKCS8EncodedKeySpec(privateKey(key))) : null;
                result.add(new SigningKey(key.kid(), algorithm, privateKey, publicKey));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the stored key " + key.kid() + " cannot be read", e);
            }
        }
        return result;
    }

    /** The private half of a stored key, decrypted (checked readable by every pass of {@link #ensure}). */
    public byte[] privateKey(StoredKey key) {
        try {
            return encryption.decrypt(key.kid(), key.algorithm(), key.privateKey());
        } catch (KeyEncryption.Unreadable e) {
            throw new IllegalStateException("Cannot use the signing key " + key.kid() + ": " + e.getMessage());
        }
    }

    private void rotate(EntityManager em, String algorithm, StoredKey active, long now) {
        if (active != null) {
            active.retire(now);
        }
        StoredKey next = next(em, algorithm);
        if (next == null) {
            next = generate(algorithm, now);
            em.persist(next);
        }
        next.activate(now);
        em.persist(generate(algorithm, now));
        em.flush();
    }

    /**
     * Refuses to go on with a key whose private half does not decrypt (or with no encryption key at
     * all); encrypts again a plain one, or one under a previous encryption key.
     */
    private void readable(StoredKey key) {
        if (!encryption.configured() && !key.privateKey().startsWith(KeyEncryption.PREFIX)) {
            throw new IllegalStateException("The signing keys kept in the database are not encrypted. Set JWT_KEY_ENCRYPTION_KEY "
                    + "(at least 32 bytes: openssl rand -hex 32, the same on every instance): they are encrypted at the next start");
        }
        byte[] plain;
        if (key.privateKey().startsWith(KeyEncryption.PREFIX)) {
            try {
                plain = encryption.decrypt(key.kid(), key.algorithm(), key.privateKey());
            } catch (KeyEncryption.Unreadable e) {
                throw new IllegalStateException("Cannot use the signing keys kept in the database: " + e.getMessage()
                        + ". See docs/operating.md, key encryption.");
            }
        } else {
            plain = Base64.getDecoder().decode(key.privateKey());   // kept plain before the keys were encrypted
        }
        if (encryption.outdated(key.privateKey())) {
            key.replacePrivateKey(encryption.encrypt(key.kid(), key.algorithm(), plain));
        }
    }

    private static void lock(EntityManager em) {
        em.createNativeQuery("SELECT id FROM key_rotation_lock WHERE id = 1 FOR UPDATE").getResultList();
    }

    private static List<StoredKey> all(EntityManager em) {
        return em.createQuery("SELECT k FROM StoredKey k", StoredKey.class).getResultList();
    }

    private static StoredKey active(EntityManager em, String algorithm) {
        return all(em).stream().filter(key -> key.algorithm().equals(algorithm) && key.active())
                .max((a, b) -> Long.compare(a.activatedAt(), b.activatedAt())).orElse(null);
    }

    private static StoredKey next(EntityManager em, String algorithm) {
        return all(em).stream().filter(key -> key.algorithm().equals(algorithm) && key.next())
                .max((a, b) -> Long.compare(a.createdAt(), b.createdAt())).orElse(null);
    }

    /** Every key still published, the active one first; deletes those retired longer than {@code keepMillis}. */
    private static List<StoredKey> published(EntityManager em, long keepMillis, long now) {
        em.flush();
        em.createQuery("DELETE FROM StoredKey k WHERE k.retiredAt IS NOT NULL AND k.retiredAt < :before")
                .setParameter("before", now - keepMillis)
                .executeUpdate();
        return all(em).stream()
                .sorted((a, b) -> Boolean.compare(b.active(), a.active()))
                .toList();
    }

    /** A new key pair: RSA 2048 for RS256, P-256 for ES256; its id the RFC 7638 thumbprint; its private half encrypted. */
    StoredKey generate(String algorithm, long now) {
        Algorithm kind = Algorithm.of(algorithm).filter(Algorithm::asymmetric)
                .orElseThrow(() -> new IllegalArgumentException("no key pairs for " + algorithm));
        if (!encryption.configured()) {
            throw new IllegalStateException("JWT_KEY_ENCRYPTION_KEY is not set: with JWT_ALGORITHM " + algorithm + " and no "
                    + "JWT_SIGNING_KEY_FILE the server makes its signing keys and keeps them in the database, encrypted with it "
                    + "(at least 32 bytes: openssl rand -hex 32, the same on every instance)");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(kind.keyType());
            if (kind == Algorithm.RS256) {
                generator.initialize(2048);
            } else {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            KeyPair pair = generator.generateKeyPair();
            String kid = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic()).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
            Base64.Encoder base64 = Base64.getEncoder();
            return new StoredKey(kid, algorithm, encryption.encrypt(kid, algorithm, pair.getPrivate().getEncoded()),
                    base64.encodeToString(pair.getPublic().getEncoded()), now);
        } catch (GeneralSecurityException | JoseException e) {
            throw new IllegalStateException("cannot make a " + algorithm + " key", e);
        }
    }
}
