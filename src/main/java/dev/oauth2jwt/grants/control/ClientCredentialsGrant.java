package dev.oauth2jwt.grants.control;

import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.clients.control.ClientAuthenticator.Identification;
import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.monitoring.AuditLog;
import dev.oauth2jwt.monitoring.Outcome;
import dev.oauth2jwt.tokens.control.TokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * The client credentials grant (RFC 6749 section 4.4): a client authenticated with its secret gets
 * an access token for itself, with the scopes asked for (all of its scopes when none are), and no
 * refresh token (section 4.4.3).
 */
@ApplicationScoped
public class ClientCredentialsGrant implements Grant {

    @Inject
    TokenIssuer issuer;

    @Inject
    AuditLog audit;

    @Override
    public String type() {
        return Client.CLIENT_CREDENTIALS;
    }

    @Override
    public GrantResult grant(TokenRequest request) {
        Identification identified = request.client();
        var refused = GrantResult.refusalOf(identified);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!(identified instanceof Identification.Authenticated authenticated)) {
            return GrantResult.error("invalid_client");   // a public client or none: nothing proves who asks
        }
        Client client = authenticated.client();
        if (!client.grantTypes().contains(Client.CLIENT_CREDENTIALS)) {
            audit.clientAuthentication(Outcome.REFUSED, client.clientId(), request.address(), "not registered for client_credentials");
            return GrantResult.error("unauthorized_client");
        }
        List<String> scope = request.form().get("scope");
        Set<String> asked = Scope.parse(scope == null || scope.isEmpty() ? null : scope.get(0));
        if (!client.scopes().containsAll(asked)) {
            audit.clientAuthentication(Outcome.REFUSED, client.clientId(), request.address(), "asked for scopes it may not have");
            return GrantResult.error("invalid_scope");
        }
        audit.clientAuthentication(Outcome.TOKEN_ISSUED, client.clientId(), request.address(), null);
        return new GrantResult.Granted(issuer.issueForClient(client, asked.isEmpty() ? client.scopes() : asked), null, null, 0);
    }
}
