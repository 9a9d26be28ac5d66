package dev.oauth2jwt.token.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.Operation;
import dev.oauth2jwt.errors.entity.ErrorDetail;
import dev.oauth2jwt.security.entity.Scope;
import jakarta.ws.rs.core.MediaType;
import dev.oauth2jwt.security.boundary.Authenticated;
import dev.oauth2jwt.security.boundary.InactiveUsersAllowed;
import dev.oauth2jwt.security.entity.Caller;
import dev.oauth2jwt.users.control.UserBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** {@code POST /logout}: "log out everywhere", every access and refresh token of the caller stops working. */
@ApplicationScoped
@Authenticated
@InactiveUsersAllowed
@Path("logout")
public class LogoutResource {

    @Inject
    UserBean users;

    @POST
    @Operation(summary = "Log out everywhere", description = "Every access and refresh token of the caller stops working.")
    @SecurityRequirement(name = Scope.SECURITY_SCHEME)
    @APIResponse(responseCode = "204", description = "Done.")
    @APIResponse(responseCode = "401", description = "Not authenticated, could not validate credentials, or not enough permissions.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public Response logout(@Context SecurityContext security) {
        users.revokeAllTokens(Caller.of(security).getName());
        return Response.noContent().build();
    }
}
