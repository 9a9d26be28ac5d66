package dev.oauth2jwt.keys.entity;

import java.util.Arrays;
import java.util.Optional;

/**
 * The signing algorithms tokens may be made with, each with what goes with it: HS256 (a shared
 * secret, as FastAPI), RS256 (RSA, 2048 bits or more), ES256 (P-256). Their JWS names are those of
 * RFC 7518, which jose4j uses too.
 */
public enum Algorithm {
    HS256(null),
    RS256("RSA"),
    ES256("EC");

    private final String keyType;

    Algorithm(String keyType) {
        this.keyType = keyType;
    }

    /** Its JWS {@code alg}. */
    public String jws() {
        return name();
    }

    /** With a key pair, whose public half anyone may check a signature with: what ID tokens need. */
    public boolean asymmetric() {
        return keyType != null;
    }

    /** The JCA key type of its key pairs ({@code RSA}, {@code EC}); null for HS256. */
    public String keyType() {
        return keyType;
    }

    /** The algorithm of this JWS {@code alg}, if it is one of these. */
    public static Optional<Algorithm> of(String jws) {
        return Arrays.stream(values()).filter(algorithm -> algorithm.name().equals(jws)).findFirst();
    }
}
