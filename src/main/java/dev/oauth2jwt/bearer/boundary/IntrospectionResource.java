package dev.oauth2jwt.bearer.boundary;

import dev.oauth2jwt.clients.control.ClientAuthenticator;
import dev.oauth2jwt.clients.control.ClientAuthenticator.Identification;
import dev.oauth2jwt.errors.boundary.OAuthErrors;

import dev.oauth2jwt.http.boundary.FormBody;
import dev.oauth2jwt.bearer.control.TokenIntrospection;
import dev.oauth2jwt.bearer.entity.Introspection;
import dev.oauth2jwt.bearer.entity.IntrospectionRequest;
import dev.oauth2jwt.errors.entity.OAuthError;
import dev.oauth2jwt.errors.boundary.TooManyFailedLoginsException;
import dev.oauth2jwt.http.boundary.ClientAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /introspect} (RFC 7662): for a registered client, authenticated as at {@code /token},
 * whether a token is active now, and what it grants; {@code token_type_hint} ({@code access_token},
 * {@code refresh_token}) says where to look first.
 */
@ApplicationScoped
@Path("introspect")
@Produces(MediaType.APPLICATION_JSON)
public class IntrospectionResource {

    @Inject
    ClientAuthenticator clients;

    @Inject
    TokenIntrospection introspection;

    @Inject
    ClientAddresses clientAddresses;

    @POST
    @Operation(summary = "Introspect a token", description = "RFC 7662, for registered clients: "
            + "{\"active\":false} for anything but a token that would be accepted now.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = IntrospectionRequest.class)))
    @APIResponse(responseCode = "200", description = "Active, with what it grants; or not.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Introspection.class)))
    @APIResponse(responseCode = "400", description = "No token given, or two ways of client authentication.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.class)))
    @APIResponse(responseCode = "401", description = "No or wrong client credentials (WWW-Authenticate: Basic).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.class)))
    public Response introspect(@Context HttpHeaders headers, @Context HttpServletRequest request, InputStream body) {
        MultivaluedMap<String, String> form = FormBody.read(headers.getMediaType(), headers.getLength(), body);
        Identification client = clients.identify(headers.getHeaderString(HttpHeaders.AUTHORIZATION), form, clientAddresses.of(request));
        if (client instanceof Identification.Throttled throttled) {
            throw new TooManyFailedLoginsException(throttled.retryAfterSeconds());
        }
        if (client.error().isPresent()) {
            return OAuthErrors.of(client.error().get());
        }
        if (!(client instanceof Identification.Authenticated authenticated)) {
            return OAuthErrors.invalidClient();   // only a client that proved its secret may ask
        }
        Optional<String> token = FormBody.single(form, "token");
        if (token.isEmpty() || form.containsKey("token_type_hint") && form.get("token_type_hint").size() != 1) {
            return OAuthErrors.badRequest("invalid_request");
        }
        TokenIntrospection.Hint hint = "refresh_token".equals(form.getFirst("token_type_hint"))
                ? TokenIntrospection.Hint.REFRESH_TOKEN : TokenIntrospection.Hint.ACCESS_TOKEN;
        return Response.ok(introspection.introspect(token.get(), hint, authenticated.client().clientId()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
