package bench;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** The baseline: a trivial unauthenticated JSON endpoint, deployed beside the application by bench/run. */
@Path("ping")
public class Ping {

    @ApplicationPath("/")
    public static class App extends Application {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> ping() {
        return Map.of("status", "ok");
    }
}
