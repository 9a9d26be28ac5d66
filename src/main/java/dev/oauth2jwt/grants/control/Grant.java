package dev.oauth2jwt.grants.control;

/**
 * One grant of {@code POST /token} (RFC 6749 section 4), chosen by its {@code grant_type}: a CDI
 * bean implementing this, in whichever feature it belongs to (the authorization code grant is the
 * single sign-on's). {@link Grants} finds them; the metadata's {@code grant_types_supported} lists
 * their types.
 */
public interface Grant {

    /** The {@code grant_type} it answers. */
    String type();

    /** The answer to a token request of that type. */
    GrantResult grant(TokenRequest request);
}
