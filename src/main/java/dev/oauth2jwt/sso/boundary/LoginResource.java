package dev.oauth2jwt.sso.boundary;

import dev.oauth2jwt.signin.control.SignIn;
import dev.oauth2jwt.signin.control.SignIn.Channel;
import dev.oauth2jwt.http.boundary.FormBody;
import dev.oauth2jwt.http.boundary.LateAnswers;
import dev.oauth2jwt.http.boundary.ClientAddresses;
import dev.oauth2jwt.sso.control.Authorizations;
import dev.oauth2jwt.sso.control.Authorizations.Check;
import dev.oauth2jwt.sso.control.SsoSessions;
import dev.oauth2jwt.sso.entity.AuthorizationRequest;
import dev.oauth2jwt.directory.control.DirectoryUnavailableException;
import dev.oauth2jwt.users.control.ServerBusyException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /login}: the login page's form, at an address of its own so that {@code /authorize}
 * answers a posted authorization request as it answers one by GET. Checked against its CSRF cookie,
 * then the authorization request it carries is checked again, and the user logs in with the
 * password grant's throttle, hashing capacity and audit; a success starts (or renews) the browser
 * login and sends the browser back to the client with a code.
 */
@ApplicationScoped
@Path("login")
public class LoginResource {

    @Inject
    Authorizations authorizations;

    @Inject
    SsoSessions sessions;

    @Inject
    SignIn signIn;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    LateAnswers lateAnswers;

    @Inject
    BrowserCookies cookies;

    @Inject
    AuthorizationAnswers answers;

    @POST
    @Operation(summary = "Log in (the login page's form)", description = "Posted by the login page only: CSRF-protected.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED))
    @APIResponse(responseCode = "303", description = "Logged in: back to the client's redirect_uri with a code.")
    @APIResponse(responseCode = "400", description = "An error page: a field sent twice or too long, or an unknown client.")
    @APIResponse(responseCode = "401", description = "The login page again, with an error that does not say whether the user exists.")
    @APIResponse(responseCode = "403", description = "No or a wrong CSRF token, or a post from another site.")
    @APIResponse(responseCode = "429", description = "Too many failed logins; see Retry-After.")
    @APIResponse(responseCode = "503", description = "The login page again: the server is busy or the user directory cannot be reached.")
    public void logIn(@Suspended AsyncResponse answer, InputStream body, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context HttpServletRequest request) {
        long arrived = System.nanoTime();
        BrowserParameters.Read read = BrowserParameters.of(FormBody.read(headers.getMediaType(), headers.getLength(), body));
        if (read instanceof BrowserParameters.Read.Refused refused) {
            answer.resume(Pages.message(400, "Cannot log in", refused.message()));
            return;
        }
        Map<String, String> fields = ((BrowserParameters.Read.Parameters) read).values();
        BrowserCookies.Jar jar = cookies.of(request);
        if (!FormPosts.loginFormHolds(fields.get("csrf"), jar.value(headers, BrowserCookies.CSRF), headers)) {
            answer.resume(Pages.message(403, "Cannot log in", "The login form has expired or did not come from this site. "
                    + "Go back to the application and try again."));
            return;
        }
        AuthorizationRequest authorization = AuthorizationRequest.of(fields);
        Check check = authorizations.check(authorization, AuthorizationAnswers.ownBase(uri, headers));
        if (!(check instanceof Check.Valid valid)) {
            answer.resume(answers.refusal(check, authorization, 303));
            return;
        }
        String username = fields.get("username");
        String password = fields.get("password");
        if (username == null || password == null) {
            answer.resume(answers.loginPage(400, authorization, headers, request, "Enter your username and password.", username));
            return;
        }
        String address = clientAddresses.of(request);
        SignIn.Result<SsoSessions.Started> result;
        try {
            result = signIn.signIn(username, password, address, Channel.LOGIN_PAGE,
                    user -> sessions.start(user, jar.value(headers, BrowserCookies.SSO)));
        } catch (ServerBusyException busy) {
            lateAnswers.answerRefusalLater(answer, busyPage(), arrived, System.nanoTime());
            return;
        } catch (DirectoryUnavailableException unavailable) {
            Response page = Response.fromResponse(answers.loginPage(503, authorization, headers, request,
                    "Your company directory cannot be reached right now. Try again in a moment.", username))
                    .header(HttpHeaders.RETRY_AFTER, 5).build();
            lateAnswers.answerRefusalLater(answer, page, arrived, System.nanoTime());
            return;
        }
        if (result instanceof SignIn.Result.Throttled<SsoSessions.Started> throttled) {
            Response page = Response.fromResponse(answers.loginPage(429, authorization, headers, request, "Too many failed logins. "
                    + "Try again in " + throttled.retryAfterSeconds() + " seconds.", username))
                    .header(HttpHeaders.RETRY_AFTER, throttled.retryAfterSeconds()).build();
            lateAnswers.answerRefusalLater(answer, page, arrived, System.nanoTime());
            return;
        }
        if (result instanceof SignIn.Result.SignedIn<SsoSessions.Started> signedIn) {
            lateAnswers.answerAfter(answer, backWithACode(signedIn.session(), valid, authorization, jar, address),
                    signedIn.slowdownMillis(), arrived, System.nanoTime());
        } else if (result instanceof SignIn.Result.Disabled<SsoSessions.Started> disabled) {
            // the password was right: saying so tells nothing to someone who does not know it
            lateAnswers.answerAfter(answer, Pages.message(403, "Cannot log in", "This account is disabled."), disabled.slowdownMillis(),
                    arrived, System.nanoTime());
        } else {
            lateAnswers.answerAfter(answer, answers.loginPage(401, authorization, headers, request, "Incorrect username or password.",
                    null), ((SignIn.Result.Refused<SsoSessions.Started>) result).slowdownMillis(), arrived, System.nanoTime());
        }
    }

    /** Logged in: back to the client with a code (or, when the request named another account, without), and the cookies. */
    private Response backWithACode(SsoSessions.Started started, Check.Valid valid, AuthorizationRequest authorization,
            BrowserCookies.Jar jar, String address) {
        Response.ResponseBuilder back;
        if (Authorizations.answersFor(valid, started.login())) {
            String code = authorizations.issueCode(valid, authorization, started.login(), address);
            back = answers.back(303, authorization, Map.of("code", code));
        } else {
            // the claims request named another account (OpenID Connect Core 5.5.1): no code for this one
            back = answers.back(303, authorization, Map.of("error", "access_denied",
                    "error_description", "the account that logged in is not the one the application asked for"));
        }
        return back.header(HttpHeaders.SET_COOKIE, jar.sso(started.cookieValue(), sessions.sessionSeconds()))
                .header(HttpHeaders.SET_COOKIE, jar.csrfCleared())
                .build();
    }

    private static Response busyPage() {
        return Response.fromResponse(Pages.message(503, "Please try again", "The server is busy. Try again in a moment."))
                .header(HttpHeaders.RETRY_AFTER, 1).build();
    }
}
