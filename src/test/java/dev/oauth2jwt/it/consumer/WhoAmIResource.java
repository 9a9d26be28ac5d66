package dev.oauth2jwt.it.consumer;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** {@code GET /whoami} for callers in the role {@code me}: who the server's MP-JWT says they are. */
@Path("whoami")
@RequestScoped
public class WhoAmIResource {

    @Inject
    JsonWebToken token;

    @GET
    @RolesAllowed("me")
    @Produces(MediaType.APPLICATION_JSON)
    public String whoami() {
        return Json.createObjectBuilder()
                .add("name", token.getName())
                .add("groups", Json.createArrayBuilder(new TreeSet<>(token.getGroups())))
                .add("issuer", token.getIssuer())
                .build().toString();
    }
}
