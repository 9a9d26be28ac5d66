package dev.oauth2jwt.sso.boundary;

import dev.oauth2jwt.access.Authenticated;
import dev.oauth2jwt.access.RequiresScopes;
import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.auth.control.CurrentCaller;
import dev.oauth2jwt.errors.entity.ErrorDetail;
import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /userinfo} (OpenID Connect Core 5.3): who the access token's user is, as its scopes allow:
 * {@code sub} and {@code preferred_username} always, {@code name} with {@code profile},
 * {@code email} with {@code email}. The token must carry {@code openid}.
 */
@ApplicationScoped
@Authenticated
@RequiresScopes(Scope.OPENID)
@Path("userinfo")
@Produces(MediaType.APPLICATION_JSON)
public class UserInfoResource {

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "User info (OpenID Connect)")
    @SecurityRequirement(name = Scope.SECURITY_SCHEME, scopes = Scope.OPENID)
    @APIResponse(responseCode = "200", description = "The claims about the user.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "401", description = "Not authenticated, could not validate credentials, or no openid scope.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public Response get() {
        return userInfo();
    }

    @POST
    @Operation(summary = "User info (OpenID Connect), by POST")
    @SecurityRequirement(name = Scope.SECURITY_SCHEME, scopes = Scope.OPENID)
    @APIResponse(responseCode = "200", description = "The claims about the user.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Response post() {
        return userInfo();
    }

    private Response userInfo() {
        User user = caller.get().user();
        Set<String> scopes = caller.get().scopes();
        JsonObjectBuilder claims = Json.createObjectBuilder()
                .add("sub", user.username())
                .add("preferred_username", user.username());
        if (scopes.contains("profile") && user.fullName() != null) {
            claims.add("name", user.fullName());
        }
        if (scopes.contains("email") && user.email() != null) {
            claims.add("email", user.email());
        }
        JsonObject body = claims.build();
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
