package dev.oauth2jwt.it.rp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What the test wrote into this application's {@code rp.properties} (our server's URL, the client
 * id and secret it registered), for the EL expressions of {@link OpenIdLogin}: as a team would read
 * them from its own configuration.
 */
@Named("rp")
@ApplicationScoped
public class RelyingPartyConfig {

    private final Properties properties = new Properties();

    public RelyingPartyConfig() {
        try (InputStream in = RelyingPartyConfig.class.getClassLoader().getResourceAsStream("rp.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String getProvider() {
        return properties.getProperty("provider");
    }

    public String getClientId() {
        return properties.getProperty("client-id");
    }

    public String getClientSecret() {
        return properties.getProperty("client-secret");
    }

    public String getLoggedOut() {
        return properties.getProperty("logged-out");
    }

    /** Milliseconds before its expiry at which an access token counts as expired, and is refreshed. */
    public int getTokenMinValidity() {
        return Integer.parseInt(properties.getProperty("token-min-validity", "10000"));
    }
}
