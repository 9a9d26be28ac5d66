package dev.oauth2jwt.sso.boundary;

import dev.oauth2jwt.access.Authenticated;
import dev.oauth2jwt.access.InactiveUsersAllowed;
import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.bearer.control.CurrentCaller;
import dev.oauth2jwt.tokens.control.IdTokenHints;
import dev.oauth2jwt.clients.control.ClientAuthenticator;
import dev.oauth2jwt.errors.entity.ErrorDetail;
import dev.oauth2jwt.http.boundary.FormBody;
import dev.oauth2jwt.logout.control.SingleLogout;
import dev.oauth2jwt.sso.control.SsoSessions;
import dev.oauth2jwt.sso.entity.BrowserLogin;
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
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /logout}. {@code POST} with a bearer token: "log out everywhere", every access and refresh
 * token of the caller stops working. {@code GET} from a browser (OpenID Connect RP-Initiated Logout
 * 1.0): ends the browser's login and every token its codes produced, then back to the client's
 * registered {@code post_logout_redirect_uri}, or a page saying so; without an {@code id_token_hint}
 * of the logged-in user, after asking the user ({@code POST /logout/confirm}, CSRF-protected).
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
    ClientAuthenticator clients;

    @Inject
    BrowserCookies cookies;

    @Inject
    SingleLogout singleLogout;

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
            description = "id_token_hint, post_logout_redirect_uri (registered for the client), state, client_id. Without an "
                    + "id_token_hint of the logged-in user, the user is asked first.")
    @APIResponse(responseCode = "200", description = "Logged out, or the question whether to log out (HTML).")
    @APIResponse(responseCode = "302", description = "Logged out, back to the client's post_logout_redirect_uri.")
    @APIResponse(responseCode = "400", description = "An error page: an invalid id_token_hint or an unregistered post_logout_redirect_uri.")
    public Response endSession(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        BrowserParameters.Read read = BrowserParameters.of(uri.getQueryParameters());
        if (read instanceof BrowserParameters.Read.Refused refused) {
            return Pages.message(400, "Cannot log out", refused.message());
        }
        Map<String, String> query = ((BrowserParameters.Read.Parameters) read).values();
        String hint = query.get("id_token_hint");
        String clientId = query.get("client_id");
        Optional<IdTokenHints.Hint> hinted = hints.read(hint);
        if (hint != null && hinted.isEmpty()) {
            return Pages.message(400, "Cannot log out", "The logout request's id_token_hint is not an ID token of this server.");
        }
        if (hinted.isPresent() && clientId != null && !clientId.equals(hinted.get().clientId())) {
            return Pages.message(400, "Cannot log out", "The logout request's client_id is not the id_token_hint's.");
        }
        String client = hinted.map(IdTokenHints.Hint::clientId).orElse(clientId);
        Optional<Response> refused = unregisteredReturn(client, query.get("post_logout_redirect_uri"));
        if (refused.isPresent()) {
            return refused.get();
        }
        BrowserCookies.Jar jar = cookies.of(request);
        String cookie = jar.value(headers, BrowserCookies.SSO);
        Optional<BrowserLogin> login = sessions.find(cookie);
        if (login.isPresent() && !hinted.map(IdTokenHints.Hint::subject).equals(Optional.of(login.get().user().subject()))) {
            // nothing proves that the user's own application asks: a link on any site could
            Map<String, String> carried = new LinkedHashMap<>();
            putIfPresent(carried, "client_id", client);
            putIfPresent(carried, "post_logout_redirect_uri", query.get("post_logout_redirect_uri"));
            putIfPresent(carried, "state", query.get("state"));
            return Pages.logoutConfirmation(login.get().user().username(), client, carried, FormPosts.logoutToken(cookie));
        }
        return loggedOut(302, jar, cookie, query.get("post_logout_redirect_uri"), query.get("state"), "");
    }

    @POST
    @Path("confirm")
    @Operation(summary = "Log out (the logout question's form)", description = "Posted by the logout page only: CSRF-protected.")
    @APIResponse(responseCode = "200", description = "Logged out (HTML).")
    @APIResponse(responseCode = "303", description = "Logged out, back to the client's post_logout_redirect_uri.")
    @APIResponse(responseCode = "400", description = "An error page: an unregistered post_logout_redirect_uri, a field sent "
            + "twice or too long.")
    @APIResponse(responseCode = "403", description = "No or a wrong CSRF token, or a post from another site: still logged in.")
    @APIResponse(responseCode = "413", description = "A form over 64 KiB.")
    public Response confirm(InputStream body, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        BrowserParameters.Read read = BrowserParameters.of(FormBody.read(headers.getMediaType(), headers.getLength(), body));
        if (read instanceof BrowserParameters.Read.Refused refused) {
            return Pages.message(400, "Cannot log out", refused.message());
        }
        Map<String, String> fields = ((BrowserParameters.Read.Parameters) read).values();
        BrowserCookies.Jar jar = cookies.of(request);
        String cookie = jar.value(headers, BrowserCookies.SSO);
        // without a browser login there is nothing to end (it ended in another tab): the form needs no token then
        if (cookie != null && !FormPosts.logoutFormHolds(fields.get("csrf"), cookie, headers)) {
            return Pages.message(403, "Cannot log out", "The logout form has expired or did not come from this site. "
                    + "Go back to the application and try again.");
        }
        Optional<Response> refused = unregisteredReturn(fields.get("client_id"), fields.get("post_logout_redirect_uri"));
        if (refused.isPresent()) {
            return refused.get();
        }
        return loggedOut(303, jar, cookie, fields.get("post_logout_redirect_uri"), fields.get("state"), "../");
    }

    /** An error page when there is an address to return to that the client did not register (never followed). */
    private Optional<Response> unregisteredReturn(String client, String returnTo) {
        if (returnTo == null || client != null && clients.find(client)
                .filter(found -> found.postLogoutRedirectUris().contains(returnTo)).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(Pages.message(400, "Cannot log out", "The address to return to (post_logout_redirect_uri) is not "
                + "registered for this application."));
    }

    /**
     * Ends the browser login and what its codes produced (the applications with a back channel are
     * told by it), clears its cookie, and says so or returns to the application; through a page
     * framing the front-channel logout URIs of the applications that registered one.
     */
    private Response loggedOut(int redirectStatus, BrowserCookies.Jar jar, String cookie, String returnTo, String state,
            String base) {
        List<String> frames = sessions.find(cookie).map(login -> singleLogout.frontChannelUris(login.sessionId())).orElse(List.of());
        sessions.end(cookie);
        String cleared = jar.ssoCleared();
        String location = returnTo == null ? null : returnTo + (state == null ? ""
                : (returnTo.contains("?") ? "&" : "?") + "state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
        if (!frames.isEmpty()) {
            return Response.fromResponse(Pages.frontChannelLogout(frames, location, base)).header(HttpHeaders.SET_COOKIE, cleared).build();
        }
        if (returnTo == null) {
            return Response.fromResponse(Pages.message(200, "Logged out", "You are logged out."))
                    .header(HttpHeaders.SET_COOKIE, cleared).build();
        }
        return Response.status(redirectStatus)
                .header(HttpHeaders.LOCATION, location)
                .header(HttpHeaders.SET_COOKIE, cleared)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private static void putIfPresent(Map<String, String> map, String name, String value) {
        if (value != null) {
            map.put(name, value);
        }
    }
}
