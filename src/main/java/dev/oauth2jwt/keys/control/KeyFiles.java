package dev.oauth2jwt.keys.control;

import dev.oauth2jwt.keys.entity.Algorithm;
import dev.oauth2jwt.keys.entity.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * RS256/ES256 keys from PEM files: {@code JWT_SIGNING_KEY_FILE} (a PKCS#8 private key) signs, the
 * keys of {@code JWT_PREVIOUS_KEY_FILES} are still accepted; each checked for its algorithm and
 * strength (RSA of 2048 bits or more, P-256), its id the RFC 7638 thumbprint.
 */
final class KeyFiles {

    static final int MIN_RSA_BITS = 2048;

    private KeyFiles() {
    }

    static List<SigningKey> of(KeySettings settings) {
        List<SigningKey> keys = new ArrayList<>();
        Algorithm algorithm = settings.algorithm();
        PemKeys.KeyPair signing = read(settings.signingKeyFile().orElseThrow(), "JWT_SIGNING_KEY_FILE", algorithm);
        if (signing.privateKey() == null) {
            throw new IllegalStateException("JWT_SIGNING_KEY_FILE '" + settings.signingKeyFile().get() + "' holds a public key; it "
                    + "must be the PKCS#8 private key (BEGIN PRIVATE KEY) the tokens are signed with");
        }
        keys.add(asymmetric(algorithm, signing.privateKey(), signing.publicKey()));
        for (String file : settings.previousKeyFiles()) {
            keys.add(asymmetric(algorithm, null, read(file, "A file of JWT_PREVIOUS_KEY_FILES", algorithm).publicKey()));
        }
        return keys;
    }

    /** A key pair's signing key, its id the RFC 7638 thumbprint of its public half. */
    static SigningKey asymmetric(Algorithm algorithm, PrivateKey privateKey, PublicKey publicKey) {
        try {
            String kid = PublicJsonWebKey.Factory.newPublicJwk(publicKey).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
            return new SigningKey(kid, algorithm, privateKey, publicKey);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot work out the key's id", e);
        }
    }

    private static PemKeys.KeyPair read(String file, String setting, Algorithm algorithm) {
        String name = setting + " '" + Path.of(file).toAbsolutePath() + "'";
        String pem;
        try {
            pem = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(name + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        PemKeys.KeyPair pair = PemKeys.read(pem, name);
        checkStrength(pair.publicKey(), name, algorithm);
        return pair;
    }

    /** RS256 needs RSA of 2048 bits or more, ES256 a P-256 key: anything else stops start-up saying so. */
    private static void checkStrength(PublicKey key, String name, Algorithm algorithm) {
        if (algorithm == Algorithm.RS256) {
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
}
