package dev.oauth2jwt.http.boundary;

import dev.oauth2jwt.errors.boundary.ErrorResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;

/** A body in a charset the JVM does not know cannot be read: 415 up front, not a failure while reading. */
@Provider
@PreMatching
@ApplicationScoped
public class CharsetCheck implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !isSupported(charset)) {
            request.abortWith(ErrorResponses.of(415, ErrorResponses.reasonPhrase(415)).build());
        }
    }

    static boolean isSupported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
