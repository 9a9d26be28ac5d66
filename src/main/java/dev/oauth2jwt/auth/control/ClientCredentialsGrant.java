package dev.oauth2jwt.auth.control;

import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.auth.entity.IssuedToken;
import dev.oauth2jwt.clients.entity.Client;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * The client credentials grant (RFC 6749 section 4.4): a client authenticated with its secret gets
 * an access token for itself, with the scopes asked for (all of its scopes when none are), and no
 * refresh token (section 4.4.3).
 */
@ApplicationScoped
public class ClientCredentialsGrant {

    /** What the client is told; the errors of RFC 6749 section 5.2. */
    public sealed interface Result {
        record Granted(IssuedToken accessToken) implements Result {
        }

        /** {@code invalid_client}: unknown client or wrong secret. */
        record InvalidClient() implements Result {
        }

        record Throttled(long retryAfterSeconds) implements Result {
        }

        /** {@code unauthorized_client}: the client is not registered for this grant. */
        record UnauthorizedClient() implements Result {
        }

        /** {@code invalid_scope}: a scope the client may not have. */
        record InvalidScope() implements Result {
        }
    }

    @Inject
    ClientLogin clientLogin;

    @Inject
    TokenIssuer issuer;

    @Inject
    AuditLog audit;

    public Result grant(String clientId, String secret, String requestedScope, String address) {
        ClientLogin.Result login = clientLogin.authenticate(clientId, secret, address);
        if (login instanceof ClientLogin.Result.Throttled throttled) {
            return new Result.Throttled(throttled.retryAfterSeconds());
        }
        if (!(login instanceof ClientLogin.Result.Authenticated authenticated)) {
            return new Result.InvalidClient();
        }
        Client client = authenticated.client();
        if (!client.grantTypes().contains(Client.CLIENT_CREDENTIALS)) {
            audit.clientAuthentication("refused", clientId, address, "not registered for client_credentials");
            return new Result.UnauthorizedClient();
        }
        Set<String> asked = Scope.parse(requestedScope);
        if (!client.scopes().containsAll(asked)) {
            audit.clientAuthentication("refused", clientId, address, "asked for scopes it may not have");
            return new Result.InvalidScope();
        }
        Set<String> scopes = asked.isEmpty() ? client.scopes() : asked;
        audit.clientAuthentication("token issued", clientId, address, null);
        return new Result.Granted(issuer.issueForClient(client, scopes));
    }
}
