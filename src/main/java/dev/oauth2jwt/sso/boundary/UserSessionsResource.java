package dev.oauth2jwt.sso.boundary;

import dev.oauth2jwt.access.Authenticated;
import dev.oauth2jwt.access.RequiresScopes;
import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.errors.boundary.ApiException;
import dev.oauth2jwt.errors.entity.ErrorDetail;
import dev.oauth2jwt.http.boundary.ClientAddresses;
import dev.oauth2jwt.monitoring.AuditLog;
import dev.oauth2jwt.sessions.control.LoginSessions;
import dev.oauth2jwt.sso.control.SsoSessions;
import dev.oauth2jwt.users.control.UserAdmin;
import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * An administrator's view of a user's sessions (what the user sees on the account page), and the
 * button to end one: a browser login ends with every app's tokens from it, and the apps that
 * registered a logout channel are told; an app's session ends alone, and that app is told.
 */
@ApplicationScoped
@Authenticated
@RequiresScopes("admin")
@Path("users/{username}/sessions")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = Scope.SECURITY_SCHEME, scopes = "admin")
@APIResponse(responseCode = "401", description = "Not authenticated, could not validate credentials, or not enough permissions.",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
@APIResponse(responseCode = "404", description = "User or session not found.",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
public class UserSessionsResource {

    @Inject
    UserAdmin users;

    @Inject
    SsoSessions ssoSessions;

    @Inject
    LoginSessions loginSessions;

    @Inject
    AuditLog audit;

    @Inject
    ClientAddresses clientAddresses;

    @GET
    @Operation(summary = "List a user's sessions", description = "Browser logins, then the apps and password logins holding "
            + "tokens, newest first.")
    @APIResponse(responseCode = "200", description = "The sessions.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionList.class)))
    public SessionList list(@PathParam("username") String username) {
        User user = user(username);
        List<SessionList.Session> sessions = new ArrayList<>();
        ssoSessions.standing(user.id()).forEach(browser -> sessions.add(SessionList.Session.of(browser)));
        loginSessions.live(user).forEach(app -> sessions.add(SessionList.Session.of(app)));
        return new SessionList(sessions);
    }

    @DELETE
    @Path("{sessionId}")
    @Operation(summary = "End one of a user's sessions", description = "A browser login: every app's tokens from it, and "
            + "its apps are told (back- and front-channel logout). An app's or a password login's session: its tokens.")
    @APIResponse(responseCode = "204", description = "Ended.")
    public Response end(@PathParam("username") String username, @PathParam("sessionId") String sessionId,
            @Context SecurityContext caller, @Context HttpServletRequest request) {
        User user = user(username);
        String kind = ssoSessions.endById(user.id(), sessionId) ? "browser"
                : ssoSessions.endAppSession(user.id(), sessionId) ? "app" : null;
        if (kind == null) {
            throw new ApiException(404, "Session not found");
        }
        audit.account("session ended (" + kind + ")", user.username(), clientAddresses.of(request),
                "administrator " + caller.getUserPrincipal().getName());
        return Response.noContent().build();
    }

    private User user(String username) {
        return users.find(username).orElseThrow(() -> new ApiException(404, "User not found"));
    }
}
