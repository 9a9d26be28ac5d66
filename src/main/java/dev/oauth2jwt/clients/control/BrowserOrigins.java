package dev.oauth2jwt.clients.control;

import dev.oauth2jwt.caching.ExpiringCache;
import dev.oauth2jwt.clients.entity.RedirectUris;
import dev.oauth2jwt.persistence.control.Database;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The web origins whose scripts may call the API, the token endpoint and userinfo (CORS): those of
 * the registered clients' redirect URIs (a single-page app's own origin, as Keycloak's "web origins
 * +" derives them), and {@code CORS_ORIGINS} for other browser apps that only call the API. Read
 * at most once per {@code USERS_CACHE_MILLIS} whatever the requests' origins, forgotten at once when
 * this instance changes a client.
 */
@ApplicationScoped
public class BrowserOrigins {

    private static final String ALL = "all";

    @Inject
    Database database;

    @Inject
    @ConfigProperty(name = "cors.origins")
    Optional<String> configured = Optional.empty();

    @Inject
    @ConfigProperty(name = "users.cache-millis")
    long cacheMillis;

    private Set<String> fromConfiguration;
    private ExpiringCache<String, Set<String>> ofClients;

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing start-up instantiates the bean, so a bad CORS_ORIGINS stops the deployment
    }

    @PostConstruct
    void init() {
        fromConfiguration = parse(configured);
        ofClients = ExpiringCache.keepingFor(cacheMillis, 1, System::nanoTime);
    }

    /** Whether scripts of this origin (an {@code Origin} header's value) may read our answers. */
    public boolean allowed(String origin) {
        if (origin == null || fromConfiguration.contains(origin)) {
            return origin != null;
        }
        try {
            return ofClients.get(ALL, key -> load()).contains(origin);
        } catch (RuntimeException databaseDown) {
            // the request itself goes on and answers its 503; only its CORS headers are missing
            return false;
        }
    }

    /** A client was registered, changed or removed here: its origins count at once. */
    public void forget() {
        ofClients.forget(ALL);
    }

    private Set<String> load() {
        List<String> lists = database.read(em -> em.createQuery("SELECT c.redirectUris FROM Client c", String.class).getResultList());
        Set<String> origins = new HashSet<>();
        for (String list : lists) {
            for (String uri : list.split(" ")) {
                RedirectUris.webOrigin(uri).ifPresent(origins::add);
            }
        }
        return Set.copyOf(origins);
    }

    /** CORS_ORIGINS: comma separated origins, each exactly as a browser sends it (no path, no slash). */
    static Set<String> parse(Optional<String> setting) {
        Set<String> origins = new HashSet<>();
        for (String origin : Arrays.stream(setting.orElse("").split(",")).map(String::strip).filter(o -> !o.isEmpty()).toList()) {
            if (!RedirectUris.webOrigin(origin).equals(Optional.of(origin))) {
                throw new IllegalStateException("CORS_ORIGINS: " + origin + " is not a web origin; write each as a browser sends "
                        + "it in Origin, e.g. https://app.example.com or http://localhost:3000 (no path, no trailing slash)");
            }
            origins.add(origin);
        }
        return Set.copyOf(origins);
    }
}
