package dev.oauth2jwt.sso.boundary;

import dev.oauth2jwt.access.Authenticated;
import dev.oauth2jwt.access.InactiveUsersAllowed;
import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.auth.control.CurrentCaller;
import dev.oauth2jwt.auth.control.IdTokenHints;
import dev.oauth2jwt.clients.control.ClientAuthentication;
import dev.oauth2jwt.errors.entity.ErrorDetail;
import dev.oauth2jwt.http.boundary.QueryParameters;
import dev.oauth2jwt.sso.control.SsoSessions;
import dev.oauth2jwt.users.control.UserBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /logout}. {@code POST} with a bearer token: "log out everywhere", every access and refresh
 * token of the caller stops working. {@code GET} from a browser (OpenID Connect RP-Initiated Logout
 * 1.0): ends the browser's login and every token its codes produced, then back to the client's
 * registered {@code post_logout_redirect_uri}, or a page saying so.
 */
@ApplicationScoped
@Path("logout")
public class LogoutResource {

    @Inject
    CurrentCaller caller;

    @Inject
    UserBean users;

    @Inject
    SsoSessions sessions;

    @Inject
    IdTokenHints hints;

    @Inject
    ClientAuthentication clients;

    @Inject
    @ConfigProperty(name = "jwt.issuer")
    String issuer;

    @POST
    @Authenticated
    @InactiveUsersAllowed
    @Operation(summary = "Log out everywhere", description = "Every access and refresh token of the caller stops working.")
    @SecurityRequirement(name = Scope.SECURITY_SCHEME)
    @APIResponse(responseCode = "204", description = "Done.")
    @APIResponse(responseCode = "401", description = "Not authenticated, could not validate credentials, or not enough permissions.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public Response logout() {
        users.revokeAllTokens(caller.get().name());
        return Response.noContent().build();
    }

    @GET
    @Operation(summary = "Log out of the browser login (OpenID Connect RP-initiated logout)",
            description = "id_token_hint, post_logout_redirect_uri (registered for the client), state, client_id.")
    @APIResponse(responseCode = "200", description = "Logged out (HTML).")
    @APIResponse(responseCode = "302", description = "Logged out, back to the client's post_logout_redirect_uri.")
    @APIResponse(responseCode = "400", description = "An error page: an invalid id_token_hint or an unregistered post_logout_redirect_uri.")
    public Response endSession(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        Optional<Map<String, String>> parameters = QueryParameters.once(uri.getQueryParameters());
        if (parameters.isEmpty()) {
            return Pages.message(400, "Cannot log out", "A parameter of the request was sent more than once.");
        }
        Map<String, String> query = parameters.get();
        String hint = query.get("id_token_hint");
        String clientId = query.get("client_id");
        String returnTo = query.get("post_logout_redirect_uri");
        Optional<IdTokenHints.Hint> read = hints.read(hint);
        if (hint != null && read.isEmpty()) {
            return Pages.message(400, "Cannot log out", "The logout request's id_token_hint is not an ID token of this server.");
        }
        if (read.isPresent() && clientId != null && !clientId.equals(read.get().clientId())) {
            return Pages.message(400, "Cannot log out", "The logout request's client_id is not the id_token_hint's.");
        }
        String client = read.map(IdTokenHints.Hint::clientId).orElse(clientId);
        if (returnTo != null && (client == null || clients.find(client)
                .filter(found -> found.postLogoutRedirectUris().contains(returnTo)).isEmpty())) {
            return Pages.message(400, "Cannot log out", "The address to return to (post_logout_redirect_uri) is not "
                    + "registered for this application.");
        }
        sessions.end(BrowserCookies.value(headers, BrowserCookies.SSO));
        String cleared = BrowserCookies.ssoCleared(request.getContextPath(), BrowserCookies.secure(uri.getBaseUri(), issuer));
        if (returnTo == null) {
            return Response.fromResponse(Pages.message(200, "Logged out", "You are logged out."))
                    .header(HttpHeaders.SET_COOKIE, cleared).build();
        }
        String state = query.get("state");
        String location = returnTo + (state == null ? ""
                : (returnTo.contains("?") ? "&" : "?") + "state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
        return Response.status(302)
                .header(HttpHeaders.LOCATION, location)
                .header(HttpHeaders.SET_COOKIE, cleared)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
