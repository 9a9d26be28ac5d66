package dev.oauth2jwt.status.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.Operation;
import dev.oauth2jwt.errors.entity.ErrorDetail;
import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.access.Authenticated;
import dev.oauth2jwt.access.InactiveUsersAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import dev.oauth2jwt.status.entity.Status;

/** {@code GET /status/}: any valid token, as FastAPI's scopes chapter ({@code get_current_user}, no scope). */
@ApplicationScoped
@Authenticated
@InactiveUsersAllowed
@Path("status/")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    @GET
    @Operation(summary = "Read system status", description = "Any valid token, of a disabled user too.")
    @SecurityRequirement(name = Scope.SECURITY_SCHEME)
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Status.class)))
    @APIResponse(responseCode = "401", description = "Not authenticated, could not validate credentials, or not enough permissions.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public Status status() {
        return Status.OK;
    }
}
