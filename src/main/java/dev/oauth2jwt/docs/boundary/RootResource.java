package dev.oauth2jwt.docs.boundary;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.HeaderParam;
import dev.oauth2jwt.http.boundary.RequestUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /}: to the interactive docs. */
@ApplicationScoped
@Path("/")
public class RootResource {

    @GET
    @Operation(hidden = true)
    public Response root(@Context UriInfo uri, @HeaderParam(HttpHeaders.HOST) String host) {
        return Response.temporaryRedirect(RequestUrls.asRequested(uri.getBaseUri(), host).resolve("docs")).build();
    }
}
