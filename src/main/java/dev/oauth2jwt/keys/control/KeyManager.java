package dev.oauth2jwt.keys.control;

import dev.oauth2jwt.housekeeping.Chore;
import dev.oauth2jwt.keys.entity.Algorithm;
import dev.oauth2jwt.keys.entity.SigningKey;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The keys tokens are signed with and checked against, from their sources, each pinned to its
 * algorithm: HS256's secrets ({@link SecretKeys}), RS256/ES256 key files ({@link KeyFiles}) or the
 * keys the server makes and keeps in the database ({@link StoredKeys}: rotated every
 * {@code JWT_KEY_ROTATION_DAYS} and on request, the next key published before it signs, a retired
 * key published until every token it signed has expired). Secrets configured beside an asymmetric
 * key are still accepted for HS256 tokens (while moving from one to the other).
 *
 * <p>Checking a token only reads: a key id it does not know is refused, and asks for the stored
 * keys to be read again off the request thread (another instance may have rotated a moment ago);
 * making and rotating keys happens at start-up, on request and at the housekeeping's round.
 */
@ApplicationScoped
public class KeyManager implements Chore {

    /** A token naming a key this instance does not know may be one another instance has just made. */
    static final long RELOAD_AT_MOST_EVERY_MILLIS = 5_000;
    private static final Logger LOG = Logger.getLogger(KeyManager.class.getName());

    /** The keys in use at one moment: swapped whole when keys are rotated or read again. */
    private record Ring(SigningKey current, List<SigningKey> all, Map<String, SigningKey> byId, String jwks) {

        static Ring of(List<SigningKey> keys) {
            Map<String, SigningKey> byId = new LinkedHashMap<>();
            keys.forEach(key -> byId.putIfAbsent(key.id(), key));
            List<SigningKey> all = List.copyOf(byId.values());
            return new Ring(all.get(0), all, byId, JsonWebKeys.of(all));
        }
    }

    @Inject
    KeySettings settings;

    /** Looked up when first needed: only the stored-keys mode needs the database. */
    Supplier<StoredKeys> storedKeys;

    @Resource   // the default one (Jakarta Concurrency)
    ManagedExecutorService executor;

    /** Where stored keys are read again: the executor; a seam for tests. */
    Executor reloads;

    private volatile Ring ring;
    private final AtomicLong lastReload = new AtomicLong(Long.MIN_VALUE / 2);

    @Inject
    void lookUpStoredKeysWhenNeeded(Instance<StoredKeys> stored) {
        storedKeys = stored::get;
    }

    @PostConstruct
    void load() {
        reloads = executor;
        if (!settings.algorithm().asymmetric()) {
            ring = Ring.of(SecretKeys.of(settings));
        } else if (settings.storedKeys()) {
            ring = withSecrets(storedKeys.get().signingKeys(storedKeys.get().ensure(settings)));
        } else {
            ring = withSecrets(KeyFiles.of(settings));
        }
    }

    void loadAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing start-up instantiates the bean, so a bad key or secret stops the deployment
    }

    /** The algorithm new tokens are signed with. */
    public Algorithm algorithm() {
        return settings.algorithm();
    }

    /** The key new tokens are signed with. */
    public SigningKey current() {
        return ring.current();
    }

    /** Every key a token may be signed with, the current one first. */
    public List<SigningKey> all() {
        return ring.all();
    }

    public Optional<SigningKey> byId(String id) {
        return Optional.ofNullable(ring.byId().get(id));
    }

    /** The public keys as a JSON Web Key Set (RFC 7517): {@code {"keys":[]}} with HS256, whose secret is never published. */
    public String jwks() {
        return ring.jwks();
    }

    /** Whether the server makes and rotates its keys itself (asymmetric, no key file). */
    public boolean rotatable() {
        return settings.storedKeys();
    }

    /**
     * Makes the next key the signing key and publishes a new next one (every instance follows
     * within a minute, or at once when it meets a token of the new key).
     *
     * @throws IllegalStateException when the keys come from configuration: rotate them there
     */
    public void rotate() {
        if (!rotatable()) {
            throw new IllegalStateException("the keys come from configuration");
        }
        ring = withSecrets(storedKeys.get().signingKeys(storedKeys.get().rotate(settings)));
    }

    /** Rotates stored keys that have come of age and reads what other instances did (every minute). */
    @Override
    public void runHousekeeping() {
        if (rotatable()) {
            ring = withSecrets(storedKeys.get().signingKeys(storedKeys.get().ensure(settings)));
        }
    }

    /**
     * The key a token was signed with, pinned to its algorithm: the one its {@code kid} names, or,
     * without a {@code kid} (a FastAPI service's HS256 token, or ours from before a rotation), the
     * secret whose signature matches.
     */
    public Key keyFor(JsonWebSignature jws) throws UnresolvableKeyException {
        String alg = jws.getAlgorithmHeaderValue();
        Object kid = jws.getHeaders().getObjectHeaderValue("kid");
        if (kid != null) {
            if (!(kid instanceof String id)) {
                throw new UnresolvableKeyException("kid is not a string");
            }
            Optional<SigningKey> key = byId(id);
            if (key.isEmpty()) {
                readAgainSoon();
                throw new UnresolvableKeyException("unknown key id");
            }
            if (!key.get().algorithm().jws().equals(alg)) {
                throw new UnresolvableKeyException("algorithm not permitted");   // pinned: never HS256 with a public key
            }
            return key.get().verificationKey();
        }
        List<SigningKey> secrets = ring.all().stream().filter(key -> !key.asymmetric()).toList();
        if (!Algorithm.HS256.jws().equals(alg) || secrets.isEmpty()) {
            throw new UnresolvableKeyException(secrets.isEmpty() ? "no key id" : "algorithm not permitted");
        }
        if (secrets.size() == 1) {
            return secrets.get(0).key();
        }
        byte[] signature = Base64.getUrlDecoder().decode(jws.getEncodedSignature());
        byte[] input = (jws.getHeaders().getEncodedHeader() + "." + jws.getEncodedPayload()).getBytes(StandardCharsets.US_ASCII);
        for (SigningKey key : secrets) {
            if (MessageDigest.isEqual(signature, SecretKeys.hmacSha256(key.key().getEncoded(), input))) {
                return key.key();
            }
        }
        return secrets.get(0).key();   // none matches: the check fails as an invalid signature
    }

    /**
     * An unknown key id may be one another instance made a moment ago: the stored keys are read
     * again, at most every few seconds, on the server's executor, never on the request's thread.
     */
    private void readAgainSoon() {
        long now = System.currentTimeMillis();
        long last = lastReload.get();
        if (!rotatable() || reloads == null || now - last < RELOAD_AT_MOST_EVERY_MILLIS || !lastReload.compareAndSet(last, now)) {
            return;
        }
        reloads.execute(() -> {
            try {
                ring = withSecrets(storedKeys.get().signingKeys(storedKeys.get().published()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Reading the stored signing keys again failed; the housekeeping retries within a minute", e);
            }
        });
    }

    /** The asymmetric keys, then the secrets configured beside them (still accepted, never signing). */
    private Ring withSecrets(List<SigningKey> keys) {
        List<SigningKey> all = new ArrayList<>(keys);
        all.addAll(SecretKeys.of(settings));
        return Ring.of(all);
    }
}
