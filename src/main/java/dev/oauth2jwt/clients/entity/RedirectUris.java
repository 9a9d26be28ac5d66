package dev.oauth2jwt.clients.entity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;

/**
 * What a registered redirect URI may be (RFC 9700 section 2.1, RFC 8252): absolute, without a
 * fragment, https, or http only to the browser's own machine (a developer's app, a native app's
 * loopback listener), or a private-use scheme of a native app ({@code com.example.app:/callback}).
 * Matched exactly when used: no wildcards, no prefixes.
 */
public final class RedirectUris {

    public static final int MAX_LENGTH = 2048;
    /** What the column of a client's URIs holds, separated by spaces. */
    public static final int MAX_TOTAL_LENGTH = 4096;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private RedirectUris() {
    }

    /** Why the URI cannot be registered, if it cannot. */
    public static Optional<String> problem(String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            return Optional.of("URL should have 1 to " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of("Input should be a valid URL");
        }
        if (!uri.isAbsolute() || uri.getFragment() != null || value.indexOf(' ') >= 0) {
            return Optional.of("URL should be absolute, without a fragment");
        }
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if ("https".equals(scheme) && uri.getHost() != null && uri.getUserInfo() == null) {
            return Optional.empty();
        }
        if ("http".equals(scheme) && uri.getHost() != null && uri.getUserInfo() == null && LOOPBACK.contains(uri.getHost())) {
            return Optional.empty();
        }
        if (scheme.contains(".") && !"http".equals(scheme) && !"https".equals(scheme)) {
            return Optional.empty();   // a native app's private-use scheme, reverse domain name
        }
        return Optional.of("URL scheme should be https (http only for localhost, 127.0.0.1 or [::1])");
    }

    /**
     * The web origin of an http(s) URI as a browser sends it in {@code Origin} (RFC 6454: lower-case
     * scheme and host, the port only when not the scheme's default); empty for other schemes.
     */
    public static Optional<String> webOrigin(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
