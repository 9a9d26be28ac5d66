package dev.oauth2jwt.keys.entity;

import java.security.Key;

/**
 * One key: its id (the tokens' {@code kid}), the algorithm it is pinned to, what signs with it
 * ({@code key}; null when it only verifies: a retired or a next key, another's public key) and what
 * checks its signatures. For HS256 the secret does both.
 */
public record SigningKey(String id, Algorithm algorithm, Key key, Key verificationKey) {

    public boolean asymmetric() {
        return algorithm.asymmetric();
    }
}
