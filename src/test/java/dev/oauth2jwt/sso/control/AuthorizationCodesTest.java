package dev.oauth2jwt.sso.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The PKCE check of a code's redemption (RFC 7636 section 4.6, RFC 9700 section 2.1.1). */
class AuthorizationCodesTest {

    /** RFC 7636 Appendix B. */
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void s256IsTheRfcsExample() {
        assertEquals(CHALLENGE, AuthorizationCodes.s256(VERIFIER));
    }

    @Test
    void theVerifierOfTheChallengePasses() {
        assertEquals(Optional.empty(), AuthorizationCodes.pkceProblem(CHALLENGE, VERIFIER));
    }

    @Test
    void aMissingWrongOrMalformedVerifierIsRefused() {
        assertEquals(Optional.of("code_verifier missing"), AuthorizationCodes.pkceProblem(CHALLENGE, null));
        assertEquals(Optional.of("code_verifier does not match the code_challenge"),
                AuthorizationCodes.pkceProblem(CHALLENGE, VERIFIER.replace('d', 'e')));
        assertEquals(Optional.of("code_verifier malformed"), AuthorizationCodes.pkceProblem(CHALLENGE, "too-short"));
        assertEquals(Optional.of("code_verifier malformed"), AuthorizationCodes.pkceProblem(CHALLENGE, VERIFIER + "+"));
    }

    @Test
    void theChallengeItselfIsNoVerifier() {
        // plain PKCE would accept this: S256 must not
        assertEquals(Optional.of("code_verifier does not match the code_challenge"), AuthorizationCodes.pkceProblem(CHALLENGE, CHALLENGE));
    }

    @Test
    void aVerifierWithoutAChallengeIsADowngradeAndRefused() {
        assertEquals(Optional.of("code_verifier without a code_challenge"), AuthorizationCodes.pkceProblem(null, VERIFIER));
        assertEquals(Optional.empty(), AuthorizationCodes.pkceProblem(null, null), "a client allowed no PKCE sends none");
    }
}
