package dev.oauth2jwt.sso.boundary;

import dev.oauth2jwt.auth.control.OpaqueTokens;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * The two cookies of the browser flow, written by hand: JAX-RS 3.0 (TomEE 9) has no SameSite.
 * {@code oauth2jwt_sso} names the browser login ({@code SameSite=Lax}: sent when an application
 * sends the browser here); {@code oauth2jwt_csrf} pairs the login form with its post
 * ({@code SameSite=Strict}, only to {@code /authorize}). Both {@code HttpOnly}, {@code Secure}
 * behind https.
 */
final class BrowserCookies {

    static final String SSO = "oauth2jwt_sso";
    static final String CSRF = "oauth2jwt_csrf";

    private BrowserCookies() {
    }

    /** Secure when the request came over https, or the service's public address (the issuer) is https: behind a proxy. */
    static boolean secure(java.net.URI requestBase, String issuer) {
        return "https".equals(requestBase.getScheme()) || issuer.startsWith("https://");
    }

    static String value(HttpHeaders headers, String name) {
        Cookie cookie = headers.getCookies().get(name);
        return cookie == null ? null : cookie.getValue();
    }

    static String sso(String value, String contextPath, int maxAgeSeconds, boolean secure) {
        return SSO + "=" + value + "; Path=" + path(contextPath) + "; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }

    static String ssoCleared(String contextPath, boolean secure) {
        return SSO + "=; Path=" + path(contextPath) + "; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    static String csrf(String value, String contextPath, boolean secure) {
        return CSRF + "=" + value + "; Path=" + path(contextPath) + "authorize; Max-Age=3600; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    static String csrfCleared(String contextPath, boolean secure) {
        return CSRF + "=; Path=" + path(contextPath) + "authorize; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** 256 random bits, base64url: a cookie value that cannot be guessed. */
    static String random() {
        return OpaqueTokens.generate();
    }

    private static String path(String contextPath) {
        return contextPath == null || contextPath.isEmpty() ? "/" : contextPath + "/";
    }
}
