package dev.oauth2jwt.security.boundary;

import dev.oauth2jwt.security.entity.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Lets resources {@code @Inject JsonWebToken}, as MicroProfile JWT allows: the caller the filter
 * verified, or, on a request without one, a token with no name and no claims.
 */
@RequestScoped
public class CallerProducer {

    private Caller caller;

    void authenticated(Caller caller) {
        this.caller = caller;
    }

    @Produces
    @RequestScoped
    JsonWebToken jsonWebToken() {
        return caller != null ? caller : Anonymous.INSTANCE;
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
