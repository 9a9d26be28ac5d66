package dev.oauth2jwt.sso.boundary;

import dev.oauth2jwt.signin.control.SignIn;
import dev.oauth2jwt.signin.control.SignIn.Channel;
import dev.oauth2jwt.errors.boundary.ErrorResponses;
import dev.oauth2jwt.http.boundary.FormBody;
import dev.oauth2jwt.http.boundary.LateAnswers;
import dev.oauth2jwt.http.boundary.ClientAddresses;
import dev.oauth2jwt.sso.control.Authorizations;
import dev.oauth2jwt.sso.control.Authorizations.Check;
import dev.oauth2jwt.sso.control.SecondSteps;
import dev.oauth2jwt.sso.control.SsoSessions;
import dev.oauth2jwt.sso.entity.AuthorizationRequest;
import dev.oauth2jwt.directory.control.DirectoryUnavailableException;
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

    @Inject
    SecondSteps secondSteps;

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
        String address = clientAddresses.of(request);
        SecondSteps.Browser browser = new SecondSteps.Browser(jar.value(headers, BrowserCookies.SSO), address,
                headers.getHeaderString(HttpHeaders.USER_AGENT));
        if (fields.containsKey("pending")) {
            secondStep(answer, fields, valid, authorization, uri, headers, request, jar, browser, arrived);
            return;
        }
        if (fields.containsKey("passkey")) {
            passwordless(answer, fields.get("passkey"), valid, authorization, uri, headers, request, jar, browser, arrived);
            return;
        }
        String username = fields.get("username");
        String password = fields.get("password");
        if (username == null || password == null) {
            answer.resume(answers.loginPage(400, authorization, headers, request, "Enter your username and password.", username));
            return;
        }
        SignIn.Result<SecondSteps.Step> result;
        try {
            result = signIn.signIn(username, password, address, Channel.LOGIN_PAGE,
                    user -> secondSteps.afterPassword(user, username, valid.secondFactorAsked(), browser));
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
        if (result instanceof SignIn.Result.Throttled<SecondSteps.Step> throttled) {
            lateAnswers.answerRefusalLater(answer, throttledPage(throttled.retryAfterSeconds(), authorization, headers, request, username),
                    arrived, System.nanoTime());
            return;
        }
        if (result instanceof SignIn.Result.SignedIn<SecondSteps.Step> signedIn) {
            Response next = signedIn.session() instanceof SecondSteps.Step.Pending pending
                    ? stepPage(200, pending, authorization, headers, request, null)
                    : backWithACode(((SecondSteps.Step.Finished) signedIn.session()).started(), valid, authorization, jar, address).build();
            lateAnswers.answerAfter(answer, next, signedIn.slowdownMillis(), arrived, System.nanoTime());
        } else if (result instanceof SignIn.Result.Disabled<SecondSteps.Step> disabled) {
            // the password was right: saying so tells nothing to someone who does not know it
            lateAnswers.answerAfter(answer, Pages.message(403, "Cannot log in", "This account is disabled."), disabled.slowdownMillis(),
                    arrived, System.nanoTime());
        } else {
            // the name stays in its field: a typo in the password should not cost typing it again
            lateAnswers.answerAfter(answer, answers.loginPage(401, authorization, headers, request, "Incorrect username or password.",
                    username), ((SignIn.Result.Refused<SecondSteps.Step>) result).slowdownMillis(), arrived, System.nanoTime());
        }
    }

    /** The second step's form posted: the code finishes the login, or the step is shown again (or the login page). */
    private void secondStep(AsyncResponse answer, Map<String, String> fields, Check.Valid valid, AuthorizationRequest authorization,
            UriInfo uri, HttpHeaders headers, HttpServletRequest request, BrowserCookies.Jar jar, SecondSteps.Browser browser, long arrived) {
        String token = fields.get("pending");
        SecondSteps.Answer result = secondSteps.secondStep(token, fields.get("code"), fields.get("passkey"), browser,
                answers.relyingParty(uri, headers));
        if (result instanceof SecondSteps.Answer.Done done) {
            Response.ResponseBuilder back = backWithACode(done.started(), valid, authorization, jar, browser.address());
            if (done.recoveryCodes().isEmpty()) {
                answer.resume(back.build());
                return;
            }
            Response redirect = back.build();
            Response.ResponseBuilder page = Response.fromResponse(Pages.recoveryCodes(authorization.clientId(), done.recoveryCodes(),
                    redirect.getHeaderString(HttpHeaders.LOCATION)));
            redirect.getStringHeaders().get(HttpHeaders.SET_COOKIE).forEach(cookie -> page.header(HttpHeaders.SET_COOKIE, cookie));
            answer.resume(page.build());
        } else if (result instanceof SecondSteps.Answer.Wrong wrong) {
            SecondSteps.Step.Pending again = new SecondSteps.Step.Pending(token, wrong.enrolSecret(), wrong.accountName(), wrong.kinds());
            String error = wrong.enrolSecret() != null ? "That code is not from this key. Check the app and try again."
                    : fields.containsKey("passkey") ? "That passkey did not verify you. Try again, or enter a code."
                    : "Incorrect or already used code.";
            lateAnswers.answerAfter(answer, stepPage(401, again, authorization, headers, request, error), wrong.slowdownMillis(),
                    arrived, System.nanoTime());
        } else if (result instanceof SecondSteps.Answer.Throttled throttled) {
            lateAnswers.answerRefusalLater(answer, throttledPage(throttled.retryAfterSeconds(), authorization, headers, request, null),
                    arrived, System.nanoTime());
        } else {
            answer.resume(answers.loginPage(401, authorization, headers, request,
                    "Your login expired or took too many wrong codes. Log in again.", null));
        }
    }

    /** A passwordless login with a passkey: in at once, or the login page again. */
    private void passwordless(AsyncResponse answer, String passkey, Check.Valid valid, AuthorizationRequest authorization, UriInfo uri,
            HttpHeaders headers, HttpServletRequest request, BrowserCookies.Jar jar, SecondSteps.Browser browser, long arrived) {
        SecondSteps.Answer result = secondSteps.passwordless(passkey, browser, answers.relyingParty(uri, headers));
        if (result instanceof SecondSteps.Answer.Done done) {
            answer.resume(backWithACode(done.started(), valid, authorization, jar, browser.address()).build());
        } else if (result instanceof SecondSteps.Answer.Throttled throttled) {
            lateAnswers.answerRefusalLater(answer, throttledPage(throttled.retryAfterSeconds(), authorization, headers, request, null),
                    arrived, System.nanoTime());
        } else {
            long slowdown = result instanceof SecondSteps.Answer.Wrong wrong ? wrong.slowdownMillis() : 0;
            lateAnswers.answerAfter(answer, answers.loginPage(401, authorization, headers, request,
                    "That passkey did not log you in. Try again, or use your password.", null), slowdown, arrived, System.nanoTime());
        }
    }

    @POST
    @Path("passkey-options")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Passkey options (the login page's script)", description = "A WebAuthn challenge for a passwordless "
            + "login, or with pending for the second step of a login: CSRF-protected as the login form.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED))
    @APIResponse(responseCode = "200", description = "PublicKeyCredentialRequestOptions, binary values base64url.")
    @APIResponse(responseCode = "400", description = "A field sent twice or too long, or a second step that expired.")
    @APIResponse(responseCode = "403", description = "No or a wrong CSRF token, or a post from another site.")
    public Response passkeyOptions(InputStream body, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context HttpServletRequest request) {
        BrowserParameters.Read read = BrowserParameters.of(FormBody.read(headers.getMediaType(), headers.getLength(), body));
        if (read instanceof BrowserParameters.Read.Refused refused) {
            return ErrorResponses.of(400, refused.message()).build();
        }
        Map<String, String> fields = ((BrowserParameters.Read.Parameters) read).values();
        if (!FormPosts.loginFormHolds(fields.get("csrf"), cookies.of(request).value(headers, BrowserCookies.CSRF), headers)) {
            return ErrorResponses.of(403, "The login form has expired or did not come from this site").build();
        }
        return secondSteps.passkeyOptions(fields.get("pending"), answers.relyingParty(uri, headers))
                .map(options -> Response.ok(options.toString(), MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .build())
                .orElseGet(() -> ErrorResponses.of(400, "The login has expired: log in again").build());
    }

    /** The second step's page: the code, or (a person who must enrol) the new authenticator app's QR code and key. */
    private Response stepPage(int status, SecondSteps.Step.Pending pending, AuthorizationRequest authorization, HttpHeaders headers,
            HttpServletRequest request, String error) {
        return answers.secondStepPage(status, authorization, headers, request, pending, error);
    }

    /**
     * Logged in: back to the client with a code (or, when the request named another account, without;
     * to the account page, which needs none), and the cookies.
     */
    private Response.ResponseBuilder backWithACode(SsoSessions.Started started, Check.Valid valid, AuthorizationRequest authorization,
            BrowserCookies.Jar jar, String address) {
        Response.ResponseBuilder back;
        if (valid.client().isAccount()) {
            back = answers.back(303, authorization, Map.of());
        } else if (Authorizations.answersFor(valid, started.login())) {
            String code = authorizations.issueCode(valid, authorization, started.login(), address);
            back = answers.back(303, authorization, Map.of("code", code));
        } else {
            // the claims request named another account (OpenID Connect Core 5.5.1): no code for this one
            back = answers.back(303, authorization, Map.of("error", "access_denied",
                    "error_description", "the account that logged in is not the one the application asked for"));
        }
        return back.header(HttpHeaders.SET_COOKIE, jar.sso(started.cookieValue(), sessions.sessionSeconds()))
                .header(HttpHeaders.SET_COOKIE, jar.csrfCleared());
    }

    /** The login page again, saying when to retry, with Retry-After. */
    private Response throttledPage(long retryAfterSeconds, AuthorizationRequest authorization, HttpHeaders headers,
            HttpServletRequest request, String username) {
        return Response.fromResponse(answers.loginPage(429, authorization, headers, request, "Too many failed logins. Try again in "
                + retryAfterSeconds + " seconds.", username)).header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).build();
    }

    private static Response busyPage() {
        return Response.fromResponse(Pages.message(503, "Please try again", "The server is busy. Try again in a moment."))
                .header(HttpHeaders.RETRY_AFTER, 1).build();
    }
}
