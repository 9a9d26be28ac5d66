package dev.oauth2jwt.security.boundary;

import dev.oauth2jwt.security.entity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Lets resources {@code @Inject JsonWebToken}, as MicroProfile JWT allows: the caller the filter
 * verified, or, on a request without one, a token with no name and no claims. The filter leaves
 * the caller on the request; it is looked up only where a resource asks for it.
 */
@ApplicationScoped
public class CallerProducer {

    static final String ATTRIBUTE = Caller.class.getName();

    @Inject
    HttpServletRequest request;

    @Produces
    @RequestScoped
    JsonWebToken jsonWebToken() {
        return request.getAttribute(ATTRIBUTE) instanceof Caller caller ? caller : Anonymous.INSTANCE;
    }

    /** No caller: what MicroProfile JWT injects on an unauthenticated request. */
    enum Anonymous implements JsonWebToken {
        INSTANCE;

        @Override
        public String getName() {
            return null;
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of();
        }

        @Override
        public <T> T getClaim(String name) {
            return null;
        }
    }
}
