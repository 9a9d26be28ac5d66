package dev.oauth2jwt.auth.boundary;

import dev.oauth2jwt.http.boundary.FormBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import dev.oauth2jwt.auth.entity.OAuthError;
import dev.oauth2jwt.auth.entity.RevokeRequest;
import dev.oauth2jwt.auth.control.RefreshTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Optional;

/**
 * {@code POST /revoke} (RFC 7009): revokes a refresh token's login session: every refresh token
 * rotated from the same login and every access token naming it. Always 200, so the answer tells
 * nothing about the token; an access token is not accepted here (revoke its session's refresh
 * token, or use {@code POST /logout}).
 */
@ApplicationScoped
@Path("revoke")
@Produces(MediaType.APPLICATION_JSON)
public class RevokeResource {

    @Inject
    RefreshTokens refreshTokens;

    @POST
    @Operation(summary = "Revoke a refresh token", description = "RFC 7009: always 200. Ends the token's login session, "
            + "its access tokens included.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = RevokeRequest.class)))
    @APIResponse(responseCode = "200", description = "Revoked, or nothing to revoke.")
    @APIResponse(responseCode = "400", description = "No token given.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.class)))
    public Response revoke(@Context HttpHeaders headers, InputStream body) {
        MultivaluedMap<String, String> form = FormBody.read(headers.getMediaType(), headers.getLength(), body);
        Optional<String> token = FormBody.single(form, "token");
        if (token.isEmpty()) {
            return OAuthErrors.badRequest("invalid_request");
        }
        refreshTokens.revoke(token.get());
        return Response.ok().build();
    }
}
