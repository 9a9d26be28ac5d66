package dev.oauth2jwt.clients.control;

import dev.oauth2jwt.crypto.OpaqueTokens;
import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.clients.entity.ClientChanges;
import dev.oauth2jwt.clients.entity.ClientPage;
import dev.oauth2jwt.clients.entity.ClientRecord;
import dev.oauth2jwt.clients.entity.NewClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * The client admin API's operations. The server makes every secret (256 random bits) and hands it
 * out once; a new secret ends the tokens got with the old one, deleting a client ends all of its.
 */
@ApplicationScoped
public class ClientAdmin {

    @Inject
    ClientStore store;

    Clock clock = Clock.systemUTC();

    /** The registered client with its secret, or empty if the id is taken. */
    public Optional<ClientRecord> create(NewClient request) {
        if (Client.DOCS_CLIENT_ID.equals(request.clientId()) || Client.ACCOUNT_CLIENT_ID.equals(request.clientId())) {
            return Optional.empty();   // the built-in clients of /docs and /account: taken
        }
        boolean confidential = Client.CONFIDENTIAL.equals(request.clientType());
        String secret = confidential ? OpaqueTokens.generate() : null;
        Client client = new Client(request.clientId(), confidential ? OpaqueTokens.sha256(secret) : null, request.scopes(),
                request.grantTypes(), clock.millis());
        client.setBrowserApp(request.clientType(), request.redirectUris(), request.postLogoutRedirectUris(), request.requirePkce());
        client.setRequireMfa(request.requireMfa());
        client.setLogoutChannels(request.backchannelLogoutUri(), request.backchannelLogoutSessionRequired(),
                request.frontchannelLogoutUri(), request.frontchannelLogoutSessionRequired());
        return store.create(client) ? Optional.of(ClientRecord.withSecret(client, secret)) : Optional.empty();
    }

    public Optional<Client> find(String clientId) {
        return store.find(clientId);
    }

    public ClientPage page(int offset, int limit) {
        return new ClientPage(store.page(offset, limit).stream().map(ClientRecord::of).toList(), offset, limit, store.count());
    }

    public Optional<Client> update(String clientId, ClientChanges changes) {
        return store.update(clientId, client -> {
            if (changes.scopes() != null) {
                client.setScopes(changes.scopes());
            }
            if (changes.grantTypes() != null) {
                client.setGrantTypes(changes.grantTypes());
            }
            if (changes.redirectUris() != null) {
                client.setRedirectUris(changes.redirectUris());
            }
            if (changes.postLogoutRedirectUris() != null) {
                client.setPostLogoutRedirectUris(changes.postLogoutRedirectUris());
            }
            if (changes.requirePkce() != null) {
                client.setRequirePkce(changes.requirePkce());
            }
            if (changes.requireMfa() != null) {
                client.setRequireMfa(changes.requireMfa());
            }
            client.setLogoutChannels(
                    changes.backchannelLogoutUri() != null ? changes.backchannelLogoutUri().orElse(null)
                            : client.backchannelLogoutUri().orElse(null),
                    changes.backchannelLogoutSessionRequired() != null ? changes.backchannelLogoutSessionRequired()
                            : client.backchannelLogoutSessionRequired(),
                    changes.frontchannelLogoutUri() != null ? changes.frontchannelLogoutUri().orElse(null)
                            : client.frontchannelLogoutUri().orElse(null),
                    changes.frontchannelLogoutSessionRequired() != null ? changes.frontchannelLogoutSessionRequired()
                            : client.frontchannelLogoutSessionRequired());
        });
    }

    /** A new secret, shown once; the old one and its tokens stop working. */
    public Optional<ClientRecord> rotateSecret(String clientId) {
        String secret = OpaqueTokens.generate();
        return store.update(clientId, client -> client.replaceSecret(OpaqueTokens.sha256(secret)))
                .map(client -> ClientRecord.withSecret(client, secret));
    }

    public boolean delete(String clientId) {
        return store.delete(clientId);
    }
}
