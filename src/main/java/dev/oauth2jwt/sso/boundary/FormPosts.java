package dev.oauth2jwt.sso.boundary;

import dev.oauth2jwt.crypto.OpaqueTokens;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Whether a form posted to one of our pages came from that page, in the browser it was shown in (CSRF). */
final class FormPosts {

    private FormPosts() {
    }

    /**
     * The login form: its token equals the browser's CSRF cookie (which another site can neither
     * read nor set: HttpOnly, SameSite=Strict, and over https a {@code __Host-} name), and a
     * browser's Origin, if sent, is this server.
     */
    static boolean loginFormHolds(String token, String csrfCookie, HttpHeaders headers) {
        return OpaqueTokens.wellFormed(csrfCookie) && equal(csrfCookie, token) && fromThisSite(headers);
    }

    /**
     * The logout confirmation's token for a browser login: derived from its cookie, which another
     * site never sees, and unlike the stored session id (the cookie's plain SHA-256) never written
     * anywhere else.
     */
    static String logoutToken(String ssoCookie) {
        return OpaqueTokens.sha256("logout-confirmation:" + ssoCookie);
    }

    /** The logout confirmation: its token is the one made for the browser login the cookie names. */
    static boolean logoutFormHolds(String token, String ssoCookie, HttpHeaders headers) {
        return equal(logoutToken(ssoCookie), token) && fromThisSite(headers);
    }

    /** The account page's forms' token for a browser login: derived from its cookie, as the logout confirmation's. */
    static String accountToken(String ssoCookie) {
        return OpaqueTokens.sha256("account-page:" + ssoCookie);
    }

    /** An account page's form: its token is the one made for the browser login the cookie names, and it came from this site. */
    static boolean accountFormHolds(String token, String ssoCookie, HttpHeaders headers) {
        return equal(accountToken(ssoCookie), token) && fromThisSite(headers);
    }

    private static boolean equal(String expected, String token) {
        return token != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean fromThisSite(HttpHeaders headers) {
        String origin = headers.getHeaderString("Origin");
        if (origin == null) {
            return true;
        }
        try {
            URI from = URI.create(origin);
            String host = headers.getHeaderString(HttpHeaders.HOST);
            return from.getRawAuthority() != null && host != null && (from.getRawAuthority().equalsIgnoreCase(host)
                    || from.getHost().equalsIgnoreCase(host.replaceFirst(":(80|443)$", "")) && from.getPort() == -1);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
