package dev.oauth2jwt.clients.control;

import dev.oauth2jwt.caching.CacheSettings;
import dev.oauth2jwt.caching.ExpiringCache;
import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.clients.entity.RedirectUris;
import dev.oauth2jwt.persistence.control.Database;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The registered clients, in the database. The token check and CORS read them through the same
 * short cache as the users ({@code USERS_CACHE_MILLIS}), forgotten here as soon as this instance
 * changes one.
 */
@ApplicationScoped
public class ClientStore {

    static final int CACHE_SIZE = 10_000;
    private static final String ALL_ORIGINS = "all";

    @Inject
    Database database;

    @Inject
    CacheSettings cache;

    private ExpiringCache<String, Optional<Client>> recentReads;
    private ExpiringCache<String, Set<String>> recentOrigins;

    @PostConstruct
    void init() {
        recentReads = ExpiringCache.keepingFor(cache.maxAgeMillis(), CACHE_SIZE, System::nanoTime);
        recentOrigins = ExpiringCache.keepingFor(cache.maxAgeMillis(), 1, System::nanoTime);
    }

    public Optional<Client> find(String clientId) {
        return database.read(em -> Optional.ofNullable(em.find(Client.class, clientId)));
    }

    /** The client as the token check needs it: read at most {@code USERS_CACHE_MILLIS} ago; never change it. */
    public Optional<Client> findForTokenCheck(String clientId) {
        return recentReads.get(clientId, this::find);
    }

    /**
     * The web origins of every client's redirect URIs (CORS), read at most once per
     * {@code USERS_CACHE_MILLIS} whatever origins are asked about, at once after a change made here.
     */
    public Set<String> webOrigins() {
        return recentOrigins.get(ALL_ORIGINS, all -> database.read(em -> em.createQuery("SELECT c.redirectUris FROM Client c",
                String.class).getResultList().stream()
                .flatMap(uris -> Arrays.stream(uris.split(" ")))
                .flatMap(uri -> RedirectUris.webOrigin(uri).stream())
                .collect(Collectors.toUnmodifiableSet())));
    }

    public List<Client> page(int offset, int limit) {
        return database.read(em -> em.createQuery("SELECT c FROM Client c ORDER BY c.clientId", Client.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList());
    }

    public long count() {
        return database.read(em -> em.createQuery("SELECT COUNT(c) FROM Client c", Long.class).getSingleResult());
    }

    /** Registers the client unless the id is taken; returns whether it was. */
    public boolean create(Client client) {
        recentReads.forget(client.clientId());
        try {
            return database.inTransaction(em -> {
                if (em.find(Client.class, client.clientId()) != null) {
                    return false;
                }
                em.persist(client);
                return true;
            });
        } finally {
            recentOrigins.forget(ALL_ORIGINS);
        }
    }

    public Optional<Client> update(String clientId, Consumer<Client> change) {
        try {
            return database.inTransaction(em -> {
                Optional<Client> client = Optional.ofNullable(em.find(Client.class, clientId));
                client.ifPresent(change);
                return client;
            });
        } finally {
            recentReads.forget(clientId);
            recentOrigins.forget(ALL_ORIGINS);
        }
    }

    public boolean delete(String clientId) {
        try {
            return database.inTransaction(em -> {
                Client client = em.find(Client.class, clientId);
                if (client != null) {
                    em.remove(client);
                }
                return client != null;
            });
        } finally {
            recentReads.forget(clientId);
            recentOrigins.forget(ALL_ORIGINS);
        }
    }
}
