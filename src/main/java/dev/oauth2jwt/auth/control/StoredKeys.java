package dev.oauth2jwt.auth.control;

import dev.oauth2jwt.auth.entity.StoredKey;
import dev.oauth2jwt.persistence.control.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.GeneralSecurityException;
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
 * instances starting or rotating at the same moment never both make keys.
 */
@ApplicationScoped
public class StoredKeys {

    @Inject
    Database database;

    Clock clock = Clock.systemUTC();

    /**
     * The keys of the algorithm, as they should be now: made when there are none, rotated when the
     * active one is older than {@code rotationMillis} (0: never by age), a next one always ready;
     * keys of another algorithm retired; retired keys older than {@code keepMillis} deleted. The
     * active key first.
     */
    public List<StoredKey> ensure(String algorithm, long rotationMillis, long keepMillis) {
        return database.inTransaction(em -> {
            lock(em);
            long now = clock.millis();
            for (StoredKey key : all(em)) {
                if (!key.algorithm().equals(algorithm) && key.retiredAt() == null) {
                    key.retire(now);   // the algorithm changed: published until its tokens expire
                }
            }
            StoredKey active = active(em, algorithm);
            if (active == null || (rotationMillis > 0 && active.activatedAt() + rotationMillis <= now)) {
                rotate(em, algorithm, active, now);
            } else if (next(em, algorithm) == null) {
                em.persist(generate(algorithm, now));
            }
            return published(em, keepMillis, now);
        });
    }

    /** Retires the active key, activates the next one and makes a new next one. */
    public List<StoredKey> rotate(String algorithm, long keepMillis) {
        return database.inTransaction(em -> {
            lock(em);
            long now = clock.millis();
            rotate(em, algorithm, active(em, algorithm), now);
            return published(em, keepMillis, now);
        });
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

    /** A new key pair: RSA 2048 for RS256, P-256 for ES256; its id the RFC 7638 thumbprint. */
    static StoredKey generate(String algorithm, long now) {
        try {
            KeyPairGenerator generator;
            if ("RS256".equals(algorithm)) {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
            } else if ("ES256".equals(algorithm)) {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                throw new IllegalArgumentException("no key pairs for " + algorithm);
            }
            KeyPair pair = generator.generateKeyPair();
            String kid = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic()).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
            Base64.Encoder base64 = Base64.getEncoder();
            return new StoredKey(kid, algorithm, base64.encodeToString(pair.getPrivate().getEncoded()),
                    base64.encodeToString(pair.getPublic().getEncoded()), now);
        } catch (GeneralSecurityException | JoseException e) {
            throw new IllegalStateException("cannot make a " + algorithm + " key", e);
        }
    }
}
