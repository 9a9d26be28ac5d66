package dev.oauth2jwt.http.boundary;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * URLs the application hands out (redirects, Location, the discovery metadata) with the host the
 * client asked for. JAX-RS's UriInfo takes it from the request on Payara and WildFly, but TomEE's
 * CXF gives the address it deployed the application at ({@code http://localhost:8080/}), which
 * would send a browser to its own machine.
 */
public final class RequestUrls {

    private RequestUrls() {
    }

    /** The URI with the authority of the request's {@code Host} header, when it has one. */
    public static URI asRequested(URI uri, String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank() || hostHeader.equals(uri.getRawAuthority())) {
            return uri;
        }
        try {
            return new URI(uri.getScheme() + "://" + hostHeader.strip() + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            return uri;   // the server accepted a Host header no URI can hold: keep its own idea
        }
    }
}
