package dev.oauth2jwt.architecture.planted.users.control;

import org.jose4j.jwt.JwtClaims;

/** Planted for ArchitectureTest: jose4j outside the tokens and keys. */
public class ParsesTokens {
    JwtClaims claims() {
        return new JwtClaims();
    }
}
