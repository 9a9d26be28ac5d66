package dev.oauth2jwt.status.boundary;

import dev.oauth2jwt.security.boundary.Authenticated;
import dev.oauth2jwt.security.boundary.InactiveUsersAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code GET /status/}: any valid token, as FastAPI's scopes chapter ({@code get_current_user}, no scope). */
@RequestScoped
@Authenticated
@InactiveUsersAllowed
@Path("status/")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    @GET
    public Map<String, String> status() {
        return Map.of("status", "ok");
    }
}
