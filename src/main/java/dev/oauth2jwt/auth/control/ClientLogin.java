package dev.oauth2jwt.auth.control;

import dev.oauth2jwt.clients.control.ClientAuthentication;
import dev.oauth2jwt.clients.entity.Client;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * A client authenticating with its secret (at {@code /token} and {@code /introspect}): throttled,
 * counted and audited like a password login, so that a client secret cannot be guessed faster.
 */
@ApplicationScoped
public class ClientLogin {

    public sealed interface Result {
        record Authenticated(Client client) implements Result {
        }

        record Refused() implements Result {
        }

        record Throttled(long retryAfterSeconds) implements Result {
        }
    }

    @Inject
    LoginThrottle throttle;

    @Inject
    ClientAuthentication authentication;

    @Inject
    AuditLog audit;

    public Result authenticate(String clientId, String secret, String address) {
        LoginThrottle.Verdict verdict = throttle.checkClient(clientId, address);
        if (verdict.refused()) {
            audit.clientAuthentication("throttled", clientId, address, "retry after " + verdict.retryAfterSeconds() + " s");
            return new Result.Throttled(verdict.retryAfterSeconds());
        }
        Optional<Client> client = authentication.authenticate(clientId, secret);
        if (client.isEmpty()) {
            throttle.recordClientFailure(clientId, address);
            audit.clientAuthentication("failure", clientId, address, "unknown client or wrong secret");
            return new Result.Refused();
        }
        throttle.recordClientSuccess(clientId, address);
        return new Result.Authenticated(client.get());
    }
}
