package dev.oauth2jwt.auth.control;

import dev.oauth2jwt.auth.entity.StoredKey;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The keys tokens are signed with and checked against, each pinned to its algorithm.
 *
 * <p>{@code JWT_ALGORITHM=HS256} (the default, as FastAPI): the UTF-8 bytes of {@code JWT_SECRET},
 * exactly as PyJWT uses its secret string, and the secrets of {@code JWT_PREVIOUS_SECRETS}; each key
 * has an id derived from it, never the secret itself.
 *
 * <p>{@code RS256} (RSA, 2048 bits or more) or {@code ES256} (P-256): the PEM private key of
 * {@code JWT_SIGNING_KEY_FILE} signs, and the keys of {@code JWT_PREVIOUS_KEY_FILES} are still
 * accepted; without a key file the server makes its keys and keeps them in the database
 * ({@link StoredKeys}): rotated every {@code JWT_KEY_ROTATION_DAYS} and on request, the next key
 * published before it signs, a retired key published until every token it signed has expired.
 * Their ids are RFC 7638 thumbprints, their public halves the JWKS. Secrets given beside an
 * asymmetric key are still accepted for HS256 tokens (while moving from one to the other).
 */
@ApplicationScoped
public class SigningKeys {

    public static final String HS256 = "HS256";
    public static final String RS256 = "RS256";
    public static final String ES256 = "ES256";

    /** One key: what signs with it ({@code key}; null when it only verifies) and what checks its signatures. */
    public record SigningKey(String id, String algorithm, Key key, Key verificationKey) {

        /** An HS256 key: the secret both signs and verifies. */
        SigningKey(String id, HmacKey key) {
            this(id, HS256, key, key);
        }

        boolean asymmetric() {
            return !HS256.equals(algorithm);
        }
    }

    /** The keys in use at one moment: swapped whole when keys are rotated or reloaded. */
    private record Ring(SigningKey current, List<SigningKey> all, Map<String, SigningKey> byId, String jwks) {

        static Ring of(List<SigningKey> keys) {
            Map<String, SigningKey> byId = new LinkedHashMap<>();
            keys.forEach(key -> byId.putIfAbsent(key.id(), key));
            List<SigningKey> all = List.copyOf(byId.values());
            return new Ring(all.get(0), all, byId, keySet(all));
        }
    }

    static final int MIN_SECRET_BYTES = 32;
    static final int MIN_RSA_BITS = 2048;
    /** SHA-256 of the example key published in the FastAPI tutorial: known to everyone, never a secret. */
    static final String TUTORIAL_KEY_SHA256 = "570dad43de1af4c925f92c16a68a50936da42b7dd6fdeb24850507a1199aac89";
    /** A token naming a key this instance does not know may be one another instance has just made. */
    static final long RELOAD_AT_MOST_EVERY_MILLIS = 5_000;
    private static final String HOW_TO_MAKE_ONE = "make one with: openssl rand -hex 32";
    private static final byte[] KEY_ID_LABEL = "oauth2-jwt key id".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> ALGORITHMS = Set.of(HS256, RS256, ES256);
    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    @Inject
    @ConfigProperty(name = "jwt.algorithm")
    String algorithm = HS256;

    @Inject
    @ConfigProperty(name = "jwt.secret")
    Optional<String> secret;

    /** Comma separated; read as one string, since Payara cannot inject {@code Optional<List<String>>}. */
    @Inject
    @ConfigProperty(name = "jwt.previous-secrets")
    Optional<String> previousSecrets;

    @Inject
    @ConfigProperty(name = "jwt.signing-key-file")
    Optional<String> signingKeyFile = Optional.empty();

    @Inject
    @ConfigProperty(name = "jwt.previous-key-files")
    Optional<String> previousKeyFiles = Optional.empty();

    @Inject
    @ConfigProperty(name = "jwt.key-rotation-days")
    int keyRotationDays = 30;

    @Inject
    @ConfigProperty(name = "jwt.max-lifetime-minutes")
    int maxLifetimeMinutes = 30;

    @Inject
    @ConfigProperty(name = "jwt.clock-skew-seconds")
    int clockSkewSeconds = 30;

    /** Lazily: only the stored-keys mode needs the database. */
    @Inject
    Instance<StoredKeys> storedKeys;

    Clock clock = Clock.systemUTC();
    private volatile Ring ring;
    private volatile long lastReload;

    @PostConstruct
    void load() {
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalStateException("JWT_ALGORITHM is '" + algorithm + "'; it must be HS256, RS256 or ES256");
        }
        if (HS256.equals(algorithm)) {
            List<SigningKey> keys = new ArrayList<>();
            keys.add(keyOf(secret.map(value -> checked("JWT_SECRET", value)).orElseGet(SigningKeys::generated)));
            keys.addAll(previousSecretKeys());
            ring = Ring.of(keys);
            return;
        }
        if (keyRotationDays < 1) {
            throw new IllegalStateException("JWT_KEY_ROTATION_DAYS is " + keyRotationDays + "; it must be at least 1");
        }
        ring = Ring.of(asymmetricKeys(signingKeyFile.isPresent() ? fileKeys() : stored(storedKeys.get().ensure(algorithm,
                Duration.ofDays(keyRotationDays).toMillis(), keepMillis()))));
    }

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing start-up instantiates the bean, so a bad key or secret stops the deployment
    }

    /** The algorithm new tokens are signed with. */
    public String algorithm() {
        return ring.current().algorithm();
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
        return !HS256.equals(algorithm) && signingKeyFile.isEmpty();
    }

    /**
     * Makes the next key the signing key and publishes a new next one (every instance follows
     * within a minute, see {@link #refresh}).
     *
     * @throws IllegalStateException when the keys come from configuration: rotate them there
     */
    public void rotate() {
        if (!rotatable()) {
            throw new IllegalStateException("the keys come from configuration");
        }
        ring = Ring.of(asymmetricKeys(stored(storedKeys.get().rotate(algorithm, keepMillis()))));
        lastReload = clock.millis();
    }

    /** Rotates stored keys that have come of age and reads what other instances did (Housekeeping, every minute). */
    void refresh() {
        if (rotatable()) {
            ring = Ring.of(asymmetricKeys(stored(storedKeys.get().ensure(algorithm, Duration.ofDays(keyRotationDays).toMillis(),
                    keepMillis()))));
            lastReload = clock.millis();
        }
    }

    /**
     * How long a retired key stays published: the longest a token it signed lives, the clock skew,
     * and the minute another instance may go on signing with it before it reads the rotation.
     */
    long keepMillis() {
        return Duration.ofMinutes(maxLifetimeMinutes).plusSeconds(clockSkewSeconds).plusMinutes(2).toMillis();
    }

    /**
     * The key a token was signed with, pinned to its algorithm: the one its {@code kid} names, or,
     * without a {@code kid} (a FastAPI service's HS256 token, or ours from before a rotation), the
     * secret whose signature matches.
     */
    Key keyFor(JsonWebSignature jws) throws UnresolvableKeyException {
        String alg = jws.getAlgorithmHeaderValue();
        Object kid = jws.getHeaders().getObjectHeaderValue("kid");
        if (kid != null) {
            if (!(kid instanceof String id)) {
                throw new UnresolvableKeyException("kid is not a string");
            }
            SigningKey key = byId(id).or(() -> reloadFor(id)).orElseThrow(() -> new UnresolvableKeyException("unknown key id"));
            if (!key.algorithm().equals(alg)) {
                throw new UnresolvableKeyException("algorithm not permitted");   // pinned: never HS256 with a public key
            }
            return key.verificationKey();
        }
        List<SigningKey> secrets = ring.all().stream().filter(key -> !key.asymmetric()).toList();
        if (!HS256.equals(alg) || secrets.isEmpty()) {
            throw new UnresolvableKeyException(secrets.isEmpty() ? "no key id" : "algorithm not permitted");
        }
        if (secrets.size() == 1) {
            return secrets.get(0).key();
        }
        byte[] signature = Base64.getUrlDecoder().decode(jws.getEncodedSignature());
        byte[] input = (jws.getHeaders().getEncodedHeader() + "." + jws.getEncodedPayload()).getBytes(StandardCharsets.US_ASCII);
        for (SigningKey key : secrets) {
            if (MessageDigest.isEqual(signature, hmacSha256(key.key().getEncoded(), input))) {
                return key.key();
            }
        }
        return secrets.get(0).key();   // none matches: the check fails as an invalid signature
    }

    /** An unknown key id may be one another instance made a moment ago: read the stored keys again, now and then. */
    private Optional<SigningKey> reloadFor(String id) {
        long now = clock.millis();
        if (!rotatable() || now - lastReload < RELOAD_AT_MOST_EVERY_MILLIS) {
            return Optional.empty();
        }
        lastReload = now;
        refresh();
        return byId(id);
    }

    private List<SigningKey> previousSecretKeys() {
        List<SigningKey> keys = new ArrayList<>();
        for (String previous : previousSecrets.map(list -> list.split(",")).orElse(new String[0])) {
            if (!previous.isBlank()) {
                keys.add(keyOf(checked("A secret in JWT_PREVIOUS_SECRETS", previous.trim())));
            }
        }
        return keys;
    }

    /** The asymmetric keys, then the secrets configured beside them (still accepted, never signing). */
    private List<SigningKey> asymmetricKeys(List<SigningKey> keys) {
        List<SigningKey> all = new ArrayList<>(keys);
        secret.map(value -> keyOf(checked("JWT_SECRET", value))).ifPresent(all::add);
        all.addAll(previousSecretKeys());
        return all;
    }

    private List<SigningKey> fileKeys() {
        List<SigningKey> keys = new ArrayList<>();
        PemKeys.KeyPair signing = readKeyFile(signingKeyFile.get(), "JWT_SIGNING_KEY_FILE");
        if (signing.privateKey() == null) {
            throw new IllegalStateException("JWT_SIGNING_KEY_FILE '" + signingKeyFile.get() + "' holds a public key; it "
                    + "must be the PKCS#8 private key (BEGIN PRIVATE KEY) the tokens are signed with");
        }
        keys.add(asymmetric(signing.privateKey(), signing.publicKey()));
        for (String file : previousKeyFiles.map(list -> list.split(",")).orElse(new String[0])) {
            if (!file.isBlank()) {
                PemKeys.KeyPair previous = readKeyFile(file.trim(), "A file of JWT_PREVIOUS_KEY_FILES");
                keys.add(asymmetric(null, previous.publicKey()));
            }
        }
        return keys;
    }

    private PemKeys.KeyPair readKeyFile(String file, String setting) {
        String name = setting + " '" + Path.of(file).toAbsolutePath() + "'";
        String pem;
        try {
            pem = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(name + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        PemKeys.KeyPair pair = PemKeys.read(pem, name);
        checkStrength(pair.publicKey(), name);
        return pair;
    }

    /** RS256 needs RSA of 2048 bits or more, ES256 a P-256 key: anything else stops start-up saying so. */
    private void checkStrength(PublicKey key, String name) {
        if (RS256.equals(algorithm)) {
            if (!(key instanceof RSAPublicKey rsa)) {
                throw new IllegalStateException(name + " is not an RSA key; JWT_ALGORITHM is RS256");
            }
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new IllegalStateException(name + " is a " + rsa.getModulus().bitLength() + "-bit RSA key; RS256 needs at least "
                        + MIN_RSA_BITS + " bits: make one with openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072");
            }
        } else if (!(key instanceof ECPublicKey ec) || !EllipticCurves.P_256.equals(curveName(ec))) {
            throw new IllegalStateException(name + " is not a P-256 EC key; JWT_ALGORITHM is ES256: make one with "
                    + "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256");
        }
    }

    private static String curveName(ECPublicKey key) {
        try {
            return EllipticCurves.getName(key.getParams().getCurve());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private SigningKey asymmetric(PrivateKey privateKey, PublicKey publicKey) {
        try {
            String kid = PublicJsonWebKey.Factory.newPublicJwk(publicKey).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
            return new SigningKey(kid, algorithm, privateKey, publicKey);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot work out the key's id", e);
        }
    }

    /** The stored keys as signing keys: the active one signs (decrypted), the others verify only. */
    private List<SigningKey> stored(List<StoredKey> keys) {
        List<SigningKey> result = new ArrayList<>();
        for (StoredKey key : keys) {
            try {
                String kind = RS256.equals(key.algorithm()) ? "RSA" : "EC";
                KeyFactory factory = KeyFactory.getInstance(kind);
                PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKey())));
                PrivateKey privateKey = key.active()
                        ? factory.generatePrivate(new PKCS8EncodedKeySpec(storedKeys.get().privateKey(key))) : null;
                result.add(new SigningKey(key.kid(), key.algorithm(), privateKey, publicKey));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the stored key " + key.kid() + " cannot be read", e);
            }
        }
        return result;
    }

    /** The key set of the asymmetric keys: kty, kid, use, alg and the public parameters, nothing private. */
    private static String keySet(List<SigningKey> keys) {
        List<String> published = new ArrayList<>();
        for (SigningKey key : keys) {
            if (!key.asymmetric()) {
                continue;
            }
            try {
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk((PublicKey) key.verificationKey());
                jwk.setKeyId(key.id());
                jwk.setUse("sig");
                jwk.setAlgorithm(key.algorithm());
                published.add(jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }
        return "{\"keys\":[" + String.join(",", published) + "]}";
    }

    static byte[] checked(String name, String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(name + " is " + bytes.length + " bytes long; HS256 needs at least "
                    + MIN_SECRET_BYTES + " bytes (256 bits): " + HOW_TO_MAKE_ONE);
        }
        if (TUTORIAL_KEY_SHA256.equals(HexFormat.of().formatHex(sha256(bytes)))) {
            throw new IllegalStateException(name + " is the example key published in the FastAPI tutorial, "
                    + "anyone can sign tokens with it: " + HOW_TO_MAKE_ONE);
        }
        return bytes;
    }

    /** The key id: a MAC of a fixed label under the key, so it names the key without revealing it. */
    static SigningKey keyOf(byte[] secret) {
        byte[] id = Arrays.copyOf(hmacSha256(secret, KEY_ID_LABEL), 12);
        return new SigningKey(Base64.getUrlEncoder().withoutPadding().encodeToString(id), new HmacKey(secret));
    }

    private static byte[] hmacSha256(byte[] secret, byte[] input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] generated() {
        LOG.warning("JWT_SECRET is not set: signing with a random secret made at start-up. Tokens will not "
                + "survive a restart nor work across instances; set JWT_SECRET (" + HOW_TO_MAKE_ONE + ")");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
