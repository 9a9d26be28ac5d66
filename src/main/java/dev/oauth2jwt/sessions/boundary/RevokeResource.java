package dev.oauth2jwt.sessions.boundary;

import dev.oauth2jwt.errors.boundary.OAuthErrors;

import dev.oauth2jwt.http.boundary.FormBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import dev.oauth2jwt.errors.entity.OAuthError;
import dev.oauth2jwt.sessions.entity.RevokeRequest;
import dev.oauth2jwt.sessions.control.RefreshTokens;
import dev.oauth2jwt.clients.control.ClientAuthenticator;
import dev.oauth2jwt.clients.control.ClientAuthenticator.Identification;
import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.http.boundary.ClientAddresses;
import dev.oauth2jwt.errors.boundary.TooManyFailedLoginsException;
import jakarta.servlet.http.HttpServletRequest;
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
 * rotated from the same login and every access token naming it. A client authenticates as at
 * {@code /token} (Basic, post, or a public client's {@code client_id}); a token issued to a client is
 * that client's to revoke, a password login's anyone's who holds it. 200 for an unknown value too,
 * so the answer tells nothing about it; an access token is not accepted here (revoke its session's
 * refresh token, or use {@code POST /logout}).
 */
@ApplicationScoped
@Path("revoke")
@Produces(MediaType.APPLICATION_JSON)
public class RevokeResource {

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    ClientAuthenticator clients;

    @Inject
    ClientAddresses clientAddresses;

    @POST
    @Operation(summary = "Revoke a refresh token", description = "RFC 7009: always 200. Ends the token's login session, "
            + "its access tokens included.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = RevokeRequest.class)))
    @APIResponse(responseCode = "200", description = "Revoked, or nothing to revoke.")
    @APIResponse(responseCode = "400", description = "No token given, two ways of client authentication, or "
            + "(unauthorized_client) the token of another client.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.class)))
    @APIResponse(responseCode = "401", description = "Wrong client credentials, or none for a token issued to a client "
            + "(WWW-Authenticate: Basic).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.class)))
    public Response revoke(@Context HttpHeaders headers, @Context HttpServletRequest request, InputStream body) {
        MultivaluedMap<String, String> form = FormBody.read(headers.getMediaType(), headers.getLength(), body);
        Identification client = clients.identify(headers.getHeaderString(HttpHeaders.AUTHORIZATION), form, clientAddresses.of(request));
        if (client instanceof Identification.Throttled throttled) {
            throw new TooManyFailedLoginsException(throttled.retryAfterSeconds());
        }
        if (client.error().isPresent()) {
            return OAuthErrors.of(client.error().get());
        }
        Optional<String> token = FormBody.single(form, "token");
        if (token.isEmpty()) {
            return OAuthErrors.badRequest("invalid_request");
        }
        String clientId = client.identified().map(Client::clientId).orElse(null);
        if (refreshTokens.revoke(token.get(), clientId) == RefreshTokens.Revocation.NOT_THE_CLIENTS) {
            // RFC 7009 section 2.1: the client a token was issued to revokes it; anyone else is refused, and learns no more
            return clientId == null ? OAuthErrors.invalidClient() : OAuthErrors.badRequest("unauthorized_client");
        }
        return Response.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
