package dev.oauth2jwt;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The whole API lives at the context root, as in the FastAPI program. */
@ApplicationPath("/")
public class RestApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        // No generated WADL: OPTIONS answers like FastAPI (see routing.boundary.OptionsNotAllowed).
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
