package dev.oauth2jwt.auth.boundary;

import dev.oauth2jwt.http.boundary.FormBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import dev.oauth2jwt.errors.entity.ErrorDetail;
import dev.oauth2jwt.errors.entity.ValidationErrors;
import dev.oauth2jwt.auth.control.AuthorizationCodeGrant;
import dev.oauth2jwt.auth.control.ClientCredentialsGrant;
import dev.oauth2jwt.auth.control.ClientLogin;
import dev.oauth2jwt.clients.control.ClientAuthentication;
import dev.oauth2jwt.auth.entity.AuthorizationCodeGrantRequest;
import dev.oauth2jwt.auth.entity.ClientCredentialsGrantRequest;
import dev.oauth2jwt.auth.entity.PasswordGrantRequest;
import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.auth.entity.RefreshGrantRequest;
import dev.oauth2jwt.errors.boundary.ErrorResponses;
import dev.oauth2jwt.http.control.ClientAddresses;
import dev.oauth2jwt.http.boundary.LateAnswers;
import dev.oauth2jwt.errors.boundary.TooManyFailedLoginsException;
import dev.oauth2jwt.auth.control.PasswordLogin;
import dev.oauth2jwt.auth.control.PasswordLogin.Result;
import dev.oauth2jwt.auth.entity.OAuthError;
import dev.oauth2jwt.auth.entity.TokenResponse;
import dev.oauth2jwt.users.control.ServerBusyException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /token}: the OAuth2 password grant (the seed's {@code login_for_access_token}), the
 * refresh grant, the client credentials grant and the authorization code grant.
 */
@ApplicationScoped
@Path("token")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    PasswordLogin logins;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    LateAnswers lateAnswers;

    @Inject
    ClientCredentialsGrant clientCredentials;

    @Inject
    AuthorizationCodeGrant authorizationCodes;

    @Inject
    ClientLogin clientLogin;

    @Inject
    ClientAuthentication registeredClients;

    @POST
    @Operation(summary = "Login for access token",
            description = "The OAuth2 password grant, the refresh grant, the client credentials grant, or the authorization "
                    + "code grant (PKCE; an id_token for scope=openid).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(oneOf = {PasswordGrantRequest.class, RefreshGrantRequest.class, ClientCredentialsGrantRequest.class,
                    AuthorizationCodeGrantRequest.class})))
    @APIResponse(responseCode = "200", description = "Tokens; never cached.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "A refresh token that is spent, revoked, expired or unknown; a client "
            + "not registered for the grant, or asking for a scope it may not have.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.class)))
    @APIResponse(responseCode = "401", description = "Incorrect username or password; for the client credentials grant, "
            + "a client's wrong credentials: {\"error\":\"invalid_client\"} with WWW-Authenticate: Basic.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    @APIResponse(responseCode = "422", description = "Validation Error",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationErrors.class)))
    @APIResponse(responseCode = "429", description = "Too many failed login attempts (or refused refresh tokens) from this address; see Retry-After.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    @APIResponse(responseCode = "503", description = "No password hashing capacity free; see Retry-After.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public void token(@Suspended AsyncResponse answer, @Context HttpHeaders headers, @Context HttpServletRequest request,
            InputStream body) {
        long arrived = System.nanoTime();
        try {
            Reply reply = grant(headers, request, body);
            lateAnswers.answerAfter(answer, reply.response(), reply.slowdownMillis(), arrived, System.nanoTime());
        } catch (ServerBusyException | TooManyFailedLoginsException refusal) {
            lateAnswers.answerLater(answer, refusal, arrived, System.nanoTime());
        }
    }

    /** The answer, and how long after the request's arrival it may be given at the earliest. */
    private record Reply(Response response, long slowdownMillis) {
    }

    private Reply grant(HttpHeaders headers, HttpServletRequest request, InputStream body) {
        MultivaluedMap<String, String> form = FormBody.read(headers.getMediaType(), headers.getLength(), body);
        String client = clientAddresses.of(request);
        Result result;
        if (List.of(Client.CLIENT_CREDENTIALS).equals(form.get("grant_type"))) {
            return new Reply(clientCredentials(headers, form, client), 0);
        }
        if (List.of(Client.AUTHORIZATION_CODE).equals(form.get("grant_type"))) {
            return new Reply(authorizationCode(headers, form, client), 0);
        }
        if (List.of("refresh_token").equals(form.get("grant_type"))) {
            Optional<String> refreshToken = FormBody.single(form, "refresh_token");
            if (refreshToken.isEmpty()) {
                return new Reply(OAuthErrors.badRequest("invalid_request"), 0);
            }
            Identified identified = identify(headers, form, client);
            if (identified instanceof Identified.Refusal refusal) {
                return new Reply(refusal.response(), 0);
            }
            String clientId = identified instanceof Identified.AsClient known ? known.client().clientId() : null;
            result = logins.refresh(refreshToken.get(), form.getFirst("scope"), client, clientId);
            if (result instanceof Result.Refused) {
                return new Reply(OAuthErrors.badRequest("invalid_grant"), 0);
            }
        } else {
            PasswordGrantForm grant = PasswordGrantForm.from(form);
            result = logins.login(grant.username(), grant.password(), grant.scope(), client);
        }
        if (result instanceof Result.Granted granted) {
            return new Reply(tokens(TokenResponse.withIdToken(granted.accessToken(), granted.refreshToken(), granted.idToken())),
                    granted.slowdownMillis());
        }
        if (result instanceof Result.Throttled throttled) {
            throw new TooManyFailedLoginsException(throttled.retryAfterSeconds());
        }
        return new Reply(ErrorResponses.of(401, "Incorrect username or password")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build(), ((Result.Refused) result).slowdownMillis());
    }

    /** The client credentials grant: the client authenticates, and gets a token for itself. */
    private Response clientCredentials(HttpHeaders headers, MultivaluedMap<String, String> form, String address) {
        ClientCredentials.Presented presented = ClientCredentials.of(headers.getHeaderString(HttpHeaders.AUTHORIZATION), form);
        if (presented instanceof ClientCredentials.Presented.Invalid) {
            return OAuthErrors.badRequest("invalid_request");
        }
        if (!(presented instanceof ClientCredentials.Presented.Credentials credentials)) {
            return OAuthErrors.invalidClient();
        }
        ClientCredentialsGrant.Result result = clientCredentials.grant(credentials.credentials().clientId(),
                credentials.credentials().secret(), form.getFirst("scope"), address);
        if (result instanceof ClientCredentialsGrant.Result.Granted granted) {
            return tokens(TokenResponse.bearer(granted.accessToken(), null));
        }
        if (result instanceof ClientCredentialsGrant.Result.Throttled throttled) {
            throw new TooManyFailedLoginsException(throttled.retryAfterSeconds());
        }
        if (result instanceof ClientCredentialsGrant.Result.UnauthorizedClient) {
            return OAuthErrors.badRequest("unauthorized_client");
        }
        if (result instanceof ClientCredentialsGrant.Result.InvalidScope) {
            return OAuthErrors.badRequest("invalid_scope");
        }
        return OAuthErrors.invalidClient();
    }

    /**
     * The authorization code grant: a public client names itself ({@code client_id}), a confidential
     * one authenticates; then the code, its redirect URI and the PKCE verifier.
     */
    private Response authorizationCode(HttpHeaders headers, MultivaluedMap<String, String> form, String address) {
        Identified identified = identify(headers, form, address);
        if (identified instanceof Identified.Refusal refusal) {
            return refusal.response();
        }
        if (!(identified instanceof Identified.AsClient known)) {
            return OAuthErrors.invalidClient();
        }
        Optional<String> code = FormBody.single(form, "code");
        Optional<String> redirectUri = FormBody.single(form, "redirect_uri");
        if (code.isEmpty() || redirectUri.isEmpty() || (form.containsKey("code_verifier") && form.get("code_verifier").size() != 1)) {
            return OAuthErrors.badRequest("invalid_request");
        }
        AuthorizationCodeGrant.Result result = authorizationCodes.grant(known.client(), code.get(), redirectUri.get(),
                FormBody.single(form, "code_verifier").orElse(null), address);
        if (result instanceof AuthorizationCodeGrant.Result.Granted granted) {
            return tokens(TokenResponse.withIdToken(granted.accessToken(), granted.refreshToken(), granted.idToken()));
        }
        if (result instanceof AuthorizationCodeGrant.Result.Throttled throttled) {
            throw new TooManyFailedLoginsException(throttled.retryAfterSeconds());
        }
        return OAuthErrors.badRequest(result instanceof AuthorizationCodeGrant.Result.UnauthorizedClient
                ? "unauthorized_client" : "invalid_grant");
    }

    /** Who the client is, at the grants where it may be named: authenticated, public, none, or a refusal. */
    private sealed interface Identified {
        record AsClient(Client client) implements Identified {
        }

        record None() implements Identified {
        }

        record Refusal(Response response) implements Identified {
        }
    }

    /**
     * A confidential client authenticates (throttled and audited as at the client credentials
     * grant); a public client is named by {@code client_id} alone. A {@code client_id} naming no
     * public client is ignored, as the password and refresh grants always did.
     */
    private Identified identify(HttpHeaders headers, MultivaluedMap<String, String> form, String address) {
        ClientCredentials.Presented presented = ClientCredentials.of(headers.getHeaderString(HttpHeaders.AUTHORIZATION), form);
        if (presented instanceof ClientCredentials.Presented.Invalid) {
            return new Identified.Refusal(OAuthErrors.badRequest("invalid_request"));
        }
        if (presented instanceof ClientCredentials.Presented.Credentials credentials) {
            ClientLogin.Result login = clientLogin.authenticate(credentials.credentials().clientId(),
                    credentials.credentials().secret(), address);
            if (login instanceof ClientLogin.Result.Throttled throttled) {
                throw new TooManyFailedLoginsException(throttled.retryAfterSeconds());
            }
            return login instanceof ClientLogin.Result.Authenticated authenticated
                    ? new Identified.AsClient(authenticated.client())
                    : new Identified.Refusal(OAuthErrors.invalidClient());
        }
        return FormBody.single(form, "client_id")
                .flatMap(registeredClients::find)
                .filter(Client::isPublic)
                .<Identified>map(Identified.AsClient::new)
                .orElseGet(Identified.None::new);
    }

    /** RFC 6749 section 5.1: a token answer must not be cached. */
    private static Response tokens(TokenResponse tokens) {
        return Response.ok(tokens)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
