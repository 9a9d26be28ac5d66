package dev.oauth2jwt.clients.entity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a client may be told of logouts. Back channel (Back-Channel Logout 1.0 section 2.2):
 * absolute, a query allowed, no fragment, https, http only for a confidential client (a server in
 * the same network, say) or on the machine itself. Front channel (Front-Channel Logout 1.0 section
 * 2): absolute http(s) without a fragment, on the scheme, host and port of one of the client's
 * redirect URIs, so that a registration cannot make the logout page frame another site.
 */
public final class LogoutUris {

    private LogoutUris() {
    }

    /** Why the URI cannot be a back-channel logout URI of a client of this type, if it cannot. */
    public static Optional<String> backchannelProblem(String value, boolean confidential) {
        Optional<URI> parsed = parse(value);
        if (parsed.isEmpty()) {
            return Optional.of("URL should be absolute http(s), with a host, without a fragment or user info, at most "
                    + RedirectUris.MAX_LENGTH + " characters");
        }
        String scheme = parsed.get().getScheme().toLowerCase(Locale.ROOT);
        if ("https".equals(scheme) || confidential || RedirectUris.problem(value).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("URL scheme should be https (http only for a confidential client, or localhost, 127.0.0.1 or [::1])");
    }

    /** Why the URI cannot be a front-channel logout URI, if it cannot (the redirect URIs are checked apart). */
    public static Optional<String> frontchannelProblem(String value) {
        if (parse(value).isEmpty()) {
            return Optional.of("URL should be absolute http(s), with a host, without a fragment or user info, at most "
                    + RedirectUris.MAX_LENGTH + " characters");
        }
        return RedirectUris.problem(value);
    }

    /** Whether the URI has the web origin (scheme, host, port) of one of the redirect URIs. */
    public static boolean sameOriginAsOneOf(String value, List<String> redirectUris) {
        Optional<String> origin = RedirectUris.webOrigin(value);
        return origin.isPresent() && redirectUris.stream().map(RedirectUris::webOrigin).anyMatch(origin::equals);
    }

    private static Optional<URI> parse(String value) {
        if (value.isEmpty() || value.length() > RedirectUris.MAX_LENGTH || value.indexOf(' ') >= 0) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = "http".equals(scheme) || "https".equals(scheme);
            return web && uri.getHost() != null && uri.getFragment() == null && uri.getUserInfo() == null
                    ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
