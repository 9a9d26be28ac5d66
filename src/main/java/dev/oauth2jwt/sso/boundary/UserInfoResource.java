package dev.oauth2jwt.sso.boundary;

import dev.oauth2jwt.json.Jsonp;
import dev.oauth2jwt.access.Authenticated;
import dev.oauth2jwt.access.RequiresScopes;
import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.access.TokenInFormBodyAllowed;
import dev.oauth2jwt.bearer.control.CurrentCaller;
import dev.oauth2jwt.sessions.control.SessionCheck;
import dev.oauth2jwt.tokens.control.UserClaims;
import dev.oauth2jwt.bearer.entity.Caller;
import dev.oauth2jwt.errors.entity.ErrorDetail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /userinfo} (OpenID Connect Core 5.3): who the access token's user is, as its scopes and
 * its client's {@code claims} request allow ({@link UserClaims}): {@code sub}, the account's subject
 * identifier, always; the rest only as asked. The token must carry {@code openid}; {@code POST}
 * also takes it as the form field {@code access_token} (RFC 6750 section 2.2).
 */
@ApplicationScoped
@Authenticated
@RequiresScopes(Scope.OPENID)
@Path("userinfo")
@Produces(MediaType.APPLICATION_JSON)
public class UserInfoResource {

    @Inject
    CurrentCaller caller;

    @Inject
    SessionCheck sessions;

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
    @TokenInFormBodyAllowed
    @Operation(summary = "User info (OpenID Connect), by POST", description = "The token in the Authorization header, or as "
            + "the form field access_token (RFC 6750 section 2.2), not both.")
    @SecurityRequirement(name = Scope.SECURITY_SCHEME, scopes = Scope.OPENID)
    @APIResponse(responseCode = "200", description = "The claims about the user.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "400", description = "The token sent both in the header and in the body.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public Response post() {
        return userInfo();
    }

    private Response userInfo() {
        Caller current = caller.get();
        JsonObjectBuilder claims = Jsonp.PROVIDER.createObjectBuilder().add("sub", current.user().subject());
        Map<String, Object> released = UserClaims.of(current.user(), UserClaims.released(current.scopes(),
                sessions.userinfoClaims(current.token().sessionId())));
        released.forEach((name, value) -> {
            if (value instanceof Boolean flag) {
                claims.add(name, flag);
            } else if (value instanceof Long number) {
                claims.add(name, number);
            } else {
                claims.add(name, value.toString());
            }
        });
        return Response.ok(claims.build().toString(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
