package dev.oauth2jwt.clients.control;

import dev.oauth2jwt.clients.entity.Client;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Checks a client's credentials (RFC 6749 section 2.3.1): the same work whether the client exists or not. */
@ApplicationScoped
public class ClientAuthentication {

    /** Compared against when the client does not exist, so that an unknown id costs what a wrong secret does. */
    private static final String NO_SUCH_CLIENT = ClientSecrets.hash("no such client");

    @Inject
    ClientStore store;

    /** A client, confidential or public, by its id: for the authorization endpoint, which authenticates no one. */
    public Optional<Client> find(String clientId) {
        if (Client.DOCS_CLIENT_ID.equals(clientId)) {
            return Optional.of(Client.docs());
        }
        return clientId == null ? Optional.empty() : store.find(clientId);
    }

    /** The client, when the secret is its own. */
    public Optional<Client> authenticate(String clientId, String secret) {
        Optional<Client> client = store.find(clientId).filter(found -> found.secretHash() != null);   // a public client has none
        boolean matches = ClientSecrets.matches(secret, client.map(Client::secretHash).orElse(NO_SUCH_CLIENT));
        return matches ? client : Optional.empty();
    }
}
