package dev.oauth2jwt.sso.boundary;

import dev.oauth2jwt.tokens.control.TokenSettings;
import dev.oauth2jwt.crypto.OpaqueTokens;
import dev.oauth2jwt.http.boundary.ClientAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * The two cookies of the browser flow, written by hand: JAX-RS 3.0 (TomEE 9) has no SameSite.
 * {@code oauth2jwt_sso} names the browser login ({@code SameSite=Lax}: sent when an application
 * sends the browser here); {@code oauth2jwt_csrf} pairs the login form with its post
 * ({@code SameSite=Strict}). Both {@code HttpOnly}, for the whole application. When the browser
 * reaches us over https (itself, through a trusted proxy's {@code X-Forwarded-Proto}, or as the
 * issuer's https URL says) they are {@code Secure} and named {@code __Host-...} (with the
 * application at the root) or {@code __Secure-...}: a browser then refuses such a cookie from
 * plain http or from another host of the domain, so no neighbour can plant one.
 */
@ApplicationScoped
public class BrowserCookies {

    static final String SSO = "oauth2jwt_sso";
    static final String CSRF = "oauth2jwt_csrf";

    @Inject
    ClientAddresses addresses;

    @Inject
    TokenSettings tokenSettings;

    /** The cookies of one request: whether they are secure, and the application's context path. */
    record Jar(boolean secure, String contextPath) {

        /** The cookie's name as this request's browser knows it. */
        String name(String cookie) {
            return secure ? (contextPath.isEmpty() ? "__Host-" : "__Secure-") + cookie : cookie;
        }

        String value(HttpHeaders headers, String cookie) {
            Cookie found = headers.getCookies().get(name(cookie));
            return found == null ? null : found.getValue();
        }

        String sso(String value, int maxAgeSeconds) {
            return cookie(SSO, value, maxAgeSeconds, "Lax");
        }

        String ssoCleared() {
            return cookie(SSO, "", 0, "Lax");
        }

        String csrf(String value) {
            return cookie(CSRF, value, 3600, "Strict");
        }

        String csrfCleared() {
            return cookie(CSRF, "", 0, "Strict");
        }

        private String cookie(String cookie, String value, int maxAgeSeconds, String sameSite) {
            return name(cookie) + "=" + value + "; Path=" + (contextPath.isEmpty() ? "/" : contextPath + "/") + "; Max-Age="
                    + maxAgeSeconds + "; HttpOnly; SameSite=" + sameSite + (secure ? "; Secure" : "");
        }
    }

    Jar of(HttpServletRequest request) {
        String contextPath = request.getContextPath() == null ? "" : request.getContextPath();
        return new Jar(addresses.overHttps(request) || tokenSettings.issuer().startsWith("https://"), contextPath);
    }

    /** 256 random bits, base64url: a cookie value that cannot be guessed. */
    static String random() {
        return OpaqueTokens.generate();
    }
}
