package dev.oauth2jwt.account.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import dev.oauth2jwt.errors.entity.ErrorDetail;
import dev.oauth2jwt.errors.entity.ValidationErrors;
import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.account.entity.PasswordChangeRequest;
import dev.oauth2jwt.errors.boundary.ApiException;
import dev.oauth2jwt.errors.boundary.TooManyFailedLoginsException;
import dev.oauth2jwt.http.boundary.JsonBody;
import dev.oauth2jwt.http.boundary.ClientAddresses;
import dev.oauth2jwt.access.Authenticated;
import dev.oauth2jwt.access.RequiresScopes;
import dev.oauth2jwt.bearer.control.CurrentCaller;
import dev.oauth2jwt.signin.control.PasswordChange;
import dev.oauth2jwt.account.entity.Item;
import dev.oauth2jwt.users.entity.UserProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller's own account: {@code GET /users/me/}, {@code GET /users/me/items/} (the seed's
 * protected endpoints) and {@code POST /users/me/password}. The token check has admitted the
 * caller before any of these runs.
 */
@ApplicationScoped
@Authenticated
@Path("users/me/")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    CurrentCaller caller;

    @Inject
    PasswordChange passwordChange;

    @Inject
    ClientAddresses clientAddresses;

    /** The same caller, injected as MicroProfile JWT allows (code written for MP-JWT reads it this way). */
    @Inject
    JsonWebToken jwt;

    @GET
    @RequiresScopes("me")
    @Operation(summary = "Read users me")
    @SecurityRequirement(name = Scope.SECURITY_SCHEME, scopes = "me")
    @APIResponse(responseCode = "200", description = "The caller's account.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserProfile.class)))
    @APIResponse(responseCode = "400", description = "Inactive user.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    @APIResponse(responseCode = "401", description = "Not authenticated, could not validate credentials, or not enough permissions.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public UserProfile me() {
        return UserProfile.of(caller.get().user());
    }

    @GET
    @Path("items/")
    @RequiresScopes({"items", "me"})
    @Operation(summary = "Read own items")
    @SecurityRequirement(name = Scope.SECURITY_SCHEME, scopes = {"items", "me"})
    @APIResponse(responseCode = "200", description = "The caller's items.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = Item.class)))
    @APIResponse(responseCode = "400", description = "Inactive user.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    @APIResponse(responseCode = "401", description = "Not authenticated, could not validate credentials, or not enough permissions.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public List<Item> items() {
        return List.of(new Item("Foo", jwt.getName()));
    }

    @POST
    @Path("password")
    @RequiresScopes("me")
    @Operation(summary = "Change own password", description = "Revokes every token issued before.")
    @SecurityRequirement(name = Scope.SECURITY_SCHEME, scopes = "me")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PasswordChangeRequest.class)))
    @APIResponse(responseCode = "204", description = "Changed.")
    @APIResponse(responseCode = "400", description = "Incorrect password, or inactive user.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    @APIResponse(responseCode = "401", description = "Not authenticated, could not validate credentials, or not enough permissions.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    @APIResponse(responseCode = "409", description = "A directory account: its password is changed in the directory.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    @APIResponse(responseCode = "422", description = "Validation Error",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationErrors.class)))
    @APIResponse(responseCode = "429", description = "Too many failed login attempts; see Retry-After.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public Response changePassword(@Context HttpHeaders headers, @Context HttpServletRequest request, InputStream body) {
        PasswordChangeBody passwords = PasswordChangeBody.of(JsonBody.read(headers.getMediaType(), headers.getLength(), body));
        PasswordChange.Result result = passwordChange.change(caller.get().name(), passwords.currentPassword(),
                passwords.newPassword(), clientAddresses.of(request));
        if (result instanceof PasswordChange.Result.Throttled throttled) {
            throw new TooManyFailedLoginsException(throttled.retryAfterSeconds());
        }
        if (result instanceof PasswordChange.Result.WrongPassword) {
            throw new ApiException(400, "Incorrect password");
        }
        if (result instanceof PasswordChange.Result.DirectoryAccount) {
            throw new ApiException(409, "This account's password is the directory's: change it there");
        }
        return Response.noContent().build();
    }
}
