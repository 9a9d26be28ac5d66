package dev.oauth2jwt.sso.boundary;

import dev.oauth2jwt.http.boundary.FormBody;
import dev.oauth2jwt.http.boundary.ClientAddresses;
import dev.oauth2jwt.sso.control.Authorizations;
import dev.oauth2jwt.sso.control.Authorizations.Check;
import dev.oauth2jwt.sso.control.SsoSessions;
import dev.oauth2jwt.sso.entity.AuthorizationRequest;
import dev.oauth2jwt.sso.entity.BrowserLogin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /authorize}: the authorization endpoint of the code flow (RFC 6749 section 4.1, PKCE, OpenID
 * Connect), by {@code GET} or by a form {@code POST} (OpenID Connect Core 3.1.2.1: both, alike). It
 * checks the request, then answers with a code at once when the browser has a login (SSO) that may
 * answer it, else with the login page, which posts to {@code /login} ({@link LoginResource}).
 */
@ApplicationScoped
@Path("authorize")
public class AuthorizeResource {

    @Inject
    Authorizations authorizations;

    @Inject
    SsoSessions sessions;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    BrowserCookies cookies;

    @Inject
    AuthorizationAnswers answers;

    @GET
    @Operation(summary = "Authorize (browser)", description = "The authorization code flow with PKCE (S256): the login page, "
            + "or straight back to redirect_uri with a code when the browser is logged in.")
    @APIResponse(responseCode = "200", description = "The login page (HTML).")
    @APIResponse(responseCode = "302", description = "Back to the client's redirect_uri with code and state, or an error.")
    @APIResponse(responseCode = "400", description = "An error page: unknown client, unregistered redirect_uri, a parameter "
            + "sent twice or too long (never followed).")
    public Response authorize(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        return authorization(uri.getQueryParameters(), uri, headers, request);
    }

    @POST
    @Operation(summary = "Authorize (browser), by a form post", description = "The same request as a form "
            + "(application/x-www-form-urlencoded), answered as the GET.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED))
    @APIResponse(responseCode = "200", description = "The login page (HTML).")
    @APIResponse(responseCode = "302", description = "Back to the client's redirect_uri with code and state, or an error.")
    @APIResponse(responseCode = "400", description = "An error page (never followed).")
    @APIResponse(responseCode = "413", description = "A form over 64 KiB.")
    public Response authorizeByPost(InputStream body, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context HttpServletRequest request) {
        return authorization(FormBody.read(headers.getMediaType(), headers.getLength(), body), uri, headers, request);
    }

    private Response authorization(MultivaluedMap<String, String> sent, UriInfo uri, HttpHeaders headers,
            HttpServletRequest request) {
        BrowserParameters.Read read = BrowserParameters.of(sent);
        if (read instanceof BrowserParameters.Read.Refused refused) {
            return Pages.message(400, "Cannot log in", refused.message());
        }
        AuthorizationRequest authorization = AuthorizationRequest.of(((BrowserParameters.Read.Parameters) read).values());
        Check check = authorizations.check(authorization, AuthorizationAnswers.ownBase(uri, headers));
        if (!(check instanceof Check.Valid valid)) {
            return answers.refusal(check, authorization, 302);
        }
        Optional<BrowserLogin> login = sessions.find(cookies.of(request).value(headers, BrowserCookies.SSO));
        return switch (Authorizations.answer(valid, authorization, login, sessions.now())) {
            // the account page needs no code: the browser's login is what it reads
            case CODE -> valid.client().isAccount() ? answers.back(302, authorization, Map.of()).build() : answers.back(302, authorization,
                    Map.of("code", authorizations.issueCode(valid, authorization, login.orElseThrow(), clientAddresses.of(request)))).build();
            case LOGIN_REQUIRED -> answers.back(302, authorization, Map.of("error", "login_required")).build();
            case LOGIN_PAGE -> answers.loginPage(200, authorization, headers, request, null, null);
        };
    }
}
