package dev.oauth2jwt.keys.boundary;

import dev.oauth2jwt.json.Jsonp;
import dev.oauth2jwt.access.Authenticated;
import dev.oauth2jwt.access.RequiresScopes;
import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.keys.control.KeyManager;
import dev.oauth2jwt.errors.boundary.ApiException;
import dev.oauth2jwt.errors.entity.ErrorDetail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code POST /keys/rotate} (scope {@code admin}): the next key, already published, starts signing. */
@ApplicationScoped
@Authenticated
@RequiresScopes("admin")
@Path("keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeysResource {

    @Inject
    KeyManager keys;

    @POST
    @Path("rotate")
    @Operation(summary = "Rotate the signing key", description = "The next key (published since the last rotation) signs from "
            + "now on; the old one stays published until its tokens have expired; a new next key is published.")
    @SecurityRequirement(name = Scope.SECURITY_SCHEME, scopes = "admin")
    @APIResponse(responseCode = "200", description = "The id of the key that signs now.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "401", description = "Not authenticated, could not validate credentials, or not enough permissions.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    @APIResponse(responseCode = "409", description = "The keys come from configuration: rotate them there.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public Response rotate() {
        if (!keys.rotatable()) {
            throw new ApiException(409, "The keys come from configuration (JWT_SECRET or JWT_SIGNING_KEY_FILE): rotate them there");
        }
        keys.rotate();
        return Response.ok(Jsonp.PROVIDER.createObjectBuilder().add("kid", keys.current().id()).build().toString()).build();
    }
}
