package dev.oauth2jwt.clients.control;

import dev.oauth2jwt.clients.entity.RedirectUris;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The web origins whose scripts may call the API, the token endpoint and userinfo (CORS): those of
 * the registered clients' redirect URIs (a single-page app's own origin, as Keycloak's "web origins
 * +" derives them; {@link ClientStore#webOrigins}), and {@code CORS_ORIGINS} for other browser apps
 * that only call the API.
 */
@ApplicationScoped
public class BrowserOrigins {

    @Inject
    ClientStore clients;

    @Inject
    @ConfigProperty(name = "cors.origins")
    Optional<String> configured = Optional.empty();

    private Set<String> fromConfiguration;

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing start-up instantiates the bean, so a bad CORS_ORIGINS stops the deployment
    }

    @PostConstruct
    void init() {
        fromConfiguration = parse(configured);
    }

    /** Whether scripts of this origin (an {@code Origin} header's value) may read our answers. */
    public boolean allowed(String origin) {
        if (origin == null) {
            return false;
        }
        if (fromConfiguration.contains(origin)) {
            return true;
        }
        try {
            return clients.webOrigins().contains(origin);
        } catch (RuntimeException databaseDown) {
            // the request itself goes on and answers its 503; only its CORS headers are missing
            return false;
        }
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
