package dev.oauth2jwt.auth.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.Operation;
import dev.oauth2jwt.errors.entity.ErrorDetail;
import dev.oauth2jwt.access.Scope;
import jakarta.ws.rs.core.MediaType;
import dev.oauth2jwt.access.Authenticated;
import dev.oauth2jwt.access.InactiveUsersAllowed;
import dev.oauth2jwt.auth.control.CurrentCaller;
import dev.oauth2jwt.users.control.UserBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code POST /logout}: "log out everywhere", every access and refresh token of the caller stops working. */
@ApplicationScoped
@Authenticated
@InactiveUsersAllowed
@Path("logout")
public class LogoutResource {

    @Inject
    CurrentCaller caller;

    @Inject
    UserBean users;

    @POST
    @Operation(summary = "Log out everywhere", description = "Every access and refresh token of the caller stops working.")
    @SecurityRequirement(name = Scope.SECURITY_SCHEME)
    @APIResponse(responseCode = "204", description = "Done.")
    @APIResponse(responseCode = "401", description = "Not authenticated, could not validate credentials, or not enough permissions.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public Response logout() {
        users.revokeAllTokens(caller.get().name());
        return Response.noContent().build();
    }
}
