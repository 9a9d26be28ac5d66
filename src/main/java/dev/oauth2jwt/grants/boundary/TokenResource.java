package dev.oauth2jwt.grants.boundary;

import dev.oauth2jwt.clients.control.ClientAuthenticator;
import dev.oauth2jwt.directory.control.DirectoryUnavailableException;
import dev.oauth2jwt.errors.boundary.ErrorResponses;
import dev.oauth2jwt.errors.boundary.OAuthErrors;
import dev.oauth2jwt.errors.boundary.TooManyFailedLoginsException;
import dev.oauth2jwt.errors.entity.ErrorDetail;
import dev.oauth2jwt.errors.entity.OAuthError;
import dev.oauth2jwt.errors.entity.ValidationErrors;
import dev.oauth2jwt.grants.control.GrantResult;
import dev.oauth2jwt.grants.control.Grants;
import dev.oauth2jwt.grants.control.TokenRequest;
import dev.oauth2jwt.grants.entity.AuthorizationCodeGrantRequest;
import dev.oauth2jwt.grants.entity.ClientCredentialsGrantRequest;
import dev.oauth2jwt.grants.entity.PasswordGrantRequest;
import dev.oauth2jwt.grants.entity.RefreshGrantRequest;
import dev.oauth2jwt.grants.entity.TokenResponse;
import dev.oauth2jwt.http.boundary.FormBody;
import dev.oauth2jwt.http.boundary.LateAnswers;
import dev.oauth2jwt.http.boundary.ClientAddresses;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /token}: reads the form (bounded, FastAPI's charsets and errors), hands it to the
 * grant its {@code grant_type} names ({@link Grants}: the password grant, the seed's
 * {@code login_for_access_token}, the refresh grant, the client credentials grant, the single
 * sign-on's authorization code grant), with the one client authentication a grant may ask for, and
 * translates what the grant answers to HTTP. Refusals of a login (throttled, busy) and slowed
 * answers leave late, without holding a thread.
 */
@ApplicationScoped
@Path("token")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    /** How soon to try again when the user directory could not be reached. */
    static final int DIRECTORY_RETRY_SECONDS = 5;
    static final String SECOND_FACTOR_REQUIRED = "This account logs in with a second factor, which the password grant cannot ask for: "
            + "log in through the login page (the authorization code flow at /authorize).";

    @Inject
    Grants grants;

    @Inject
    ClientAuthenticator clients;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    LateAnswers lateAnswers;

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
            + "not registered for the grant, or asking for a scope it may not have; the right password of an account with a "
            + "second factor (or one MFA_REQUIRED asks of it): invalid_grant with an error_description saying to use the login page.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.class)))
    @APIResponse(responseCode = "401", description = "Incorrect username or password; for the client credentials grant, "
            + "a client's wrong credentials: {\"error\":\"invalid_client\"} with WWW-Authenticate: Basic.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    @APIResponse(responseCode = "422", description = "Validation Error",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationErrors.class)))
    @APIResponse(responseCode = "429", description = "Too many failed login attempts (or refused refresh tokens) from this address; see Retry-After.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    @APIResponse(responseCode = "503", description = "No password hashing capacity free, or the user directory cannot be "
            + "reached (a refresh: {\"error\":\"temporarily_unavailable\"}); see Retry-After.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public void token(@Suspended AsyncResponse answer, @Context HttpHeaders headers, @Context HttpServletRequest request,
            InputStream body) {
        long arrived = System.nanoTime();
        try {
            MultivaluedMap<String, String> form = FormBody.read(headers.getMediaType(), headers.getLength(), body);
            String address = clientAddresses.of(request);
            TokenRequest tokenRequest = new TokenRequest(form,
                    () -> clients.identify(headers.getHeaderString(HttpHeaders.AUTHORIZATION), form, address), address);
            GrantResult result = grants.of(form.get("grant_type")).grant(tokenRequest);
            if (result instanceof GrantResult.Throttled throttled) {
                throw new TooManyFailedLoginsException(throttled.retryAfterSeconds());
            }
            lateAnswers.answerAfter(answer, answerTo(result), slowdownOf(result), arrived, System.nanoTime());
        } catch (ServerBusyException | TooManyFailedLoginsException refusal) {
            lateAnswers.answerLater(answer, refusal, arrived, System.nanoTime());
        } catch (DirectoryUnavailableException unavailable) {
            lateAnswers.answerRefusalLater(answer, ErrorResponses.of(503, "The user directory cannot be reached; retry later")
                    .header(HttpHeaders.RETRY_AFTER, DIRECTORY_RETRY_SECONDS).build(), arrived, System.nanoTime());
        }
    }

    /** The HTTP answer to a grant's result (but a throttled one, which leaves late). */
    private static Response answerTo(GrantResult result) {
        if (result instanceof GrantResult.Granted granted) {
            // RFC 6749 section 5.1: a token answer must not be cached
            return Response.ok(TokenResponse.withIdToken(granted.accessToken(), granted.refreshToken(), granted.idToken()))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .header("Pragma", "no-cache")
                    .build();
        }
        if (result instanceof GrantResult.Unavailable) {
            return OAuthErrors.unavailable(DIRECTORY_RETRY_SECONDS);
        }
        if (result instanceof GrantResult.SecondFactorRequired) {
            return OAuthErrors.described("invalid_grant", SECOND_FACTOR_REQUIRED);
        }
        if (result instanceof GrantResult.WrongPassword) {
            return ErrorResponses.of(401, "Incorrect username or password").header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
        }
        String error = ((GrantResult.Error) result).error();
        return OAuthErrors.of(error);
    }

    private static long slowdownOf(GrantResult result) {
        if (result instanceof GrantResult.Granted granted) {
            return granted.slowdownMillis();
        }
        if (result instanceof GrantResult.SecondFactorRequired secondFactor) {
            return secondFactor.slowdownMillis();
        }
        return result instanceof GrantResult.WrongPassword wrong ? wrong.slowdownMillis() : 0;
    }
}
