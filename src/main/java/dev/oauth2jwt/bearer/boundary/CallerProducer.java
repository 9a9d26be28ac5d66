package dev.oauth2jwt.bearer.boundary;

import dev.oauth2jwt.bearer.control.CurrentCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Lets resources {@code @Inject JsonWebToken}, as MicroProfile JWT allows: the caller the token
 * check admitted, or, on a request without one, a token with no name and no claims.
 */
@ApplicationScoped
public class CallerProducer {

    @Produces
    @RequestScoped
    JsonWebToken jsonWebToken(CurrentCaller current) {
        return current.find().<JsonWebToken>map(CallerToken::new).orElse(Anonymous.INSTANCE);
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
