package dev.oauth2jwt.sso.boundary;

import dev.oauth2jwt.auth.control.OpaqueTokens;
import dev.oauth2jwt.auth.control.PasswordLogin;
import dev.oauth2jwt.auth.control.PasswordLogin.SignIn;
import dev.oauth2jwt.http.boundary.LateAnswers;
import dev.oauth2jwt.http.boundary.QueryParameters;
import dev.oauth2jwt.http.boundary.RequestUrls;
import dev.oauth2jwt.http.control.ClientAddresses;
import dev.oauth2jwt.sso.control.Authorizations;
import dev.oauth2jwt.sso.control.Authorizations.Check;
import dev.oauth2jwt.sso.control.SsoSessions;
import dev.oauth2jwt.sso.entity.AuthorizationRequest;
import dev.oauth2jwt.sso.entity.BrowserLogin;
import dev.oauth2jwt.users.control.ServerBusyException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /authorize}: the authorization endpoint of the code flow (RFC 6749 section 4.1, PKCE, OpenID
 * Connect). {@code GET} checks the request, then answers with a code at once when the browser has a
 * login (SSO), else with the login page; the page posts back here, is checked against its CSRF
 * cookie, and logs the user in with the password grant's throttle, hashing capacity and audit.
 */
@ApplicationScoped
@Path("authorize")
public class AuthorizeResource {

    @Inject
    Authorizations authorizations;

    @Inject
    SsoSessions sessions;

    @Inject
    PasswordLogin logins;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    LateAnswers lateAnswers;

    @Inject
    @ConfigProperty(name = "jwt.issuer")
    String issuer;

    @GET
    @Operation(summary = "Authorize (browser)", description = "The authorization code flow with PKCE (S256): the login page, "
            + "or straight back to redirect_uri with a code when the browser is logged in.")
    @APIResponse(responseCode = "200", description = "The login page (HTML).")
    @APIResponse(responseCode = "302", description = "Back to the client's redirect_uri with code and state, or an error.")
    @APIResponse(responseCode = "400", description = "An error page: unknown client or unregistered redirect_uri (never followed).")
    public Response authorize(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        Optional<Map<String, String>> parameters = QueryParameters.once(uri.getQueryParameters());
        if (parameters.isEmpty()) {
            return Pages.message(400, "Cannot log in", "A parameter of the request was sent more than once.");
        }
        AuthorizationRequest authorization = AuthorizationRequest.of(parameters.get());
        Check check = authorizations.check(authorization, ownBase(uri, headers));
        if (!(check instanceof Check.Valid valid)) {
            return refusal(check, authorization, 302);
        }
        Optional<BrowserLogin> login = sessions.find(BrowserCookies.value(headers, BrowserCookies.SSO));
        if (login.isPresent() && !"login".equals(authorization.prompt()) && !tooLongAgo(login.get(), authorization)) {
            String code = authorizations.issueCode(valid.client(), authorization, login.get(), clientAddresses.of(request));
            return back(302, authorization, Map.of("code", code)).build();
        }
        if ("none".equals(authorization.prompt())) {
            return back(302, authorization, Map.of("error", "login_required")).build();
        }
        return loginPage(200, authorization, uri, headers, request, null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Log in (the login page's form)", description = "Posted by the login page only: CSRF-protected.")
    @APIResponse(responseCode = "303", description = "Logged in: back to the client's redirect_uri with a code.")
    @APIResponse(responseCode = "401", description = "The login page again, with an error that does not say whether the user exists.")
    @APIResponse(responseCode = "403", description = "No or a wrong CSRF token, or a post from another site.")
    @APIResponse(responseCode = "429", description = "Too many failed logins; see Retry-After.")
    public void logIn(@Suspended AsyncResponse answer, MultivaluedMap<String, String> form, @Context UriInfo uri,
            @Context HttpHeaders headers, @Context HttpServletRequest request) {
        long arrived = System.nanoTime();
        Optional<Map<String, String>> fields = QueryParameters.onceInForm(form);
        if (fields.isEmpty()) {
            answer.resume(Pages.message(400, "Cannot log in", "A field of the form was sent more than once."));
            return;
        }
        if (!FormPosts.loginFormHolds(fields.get().get("csrf"), headers)) {
            answer.resume(Pages.message(403, "Cannot log in", "The login form has expired or did not come from this site. "
                    + "Go back to the application and try again."));
            return;
        }
        AuthorizationRequest authorization = AuthorizationRequest.of(fields.get());
        Check check = authorizations.check(authorization, ownBase(uri, headers));
        if (!(check instanceof Check.Valid valid)) {
            answer.resume(refusal(check, authorization, 303));
            return;
        }
        String username = fields.get().get("username");
        String password = fields.get().get("password");
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            answer.resume(loginPage(400, authorization, uri, headers, request, "Enter your username and password.", username));
            return;
        }
        String address = clientAddresses.of(request);
        SignIn result;
        try {
            result = logins.signIn(username, password, address);
        } catch (ServerBusyException busy) {
            lateAnswers.answerRefusalLater(answer, busyPage(), arrived, System.nanoTime());
            return;
        }
        if (result instanceof SignIn.Throttled throttled) {
            Response page = Response.fromResponse(loginPage(429, authorization, uri, headers, request, "Too many failed logins. Try "
                    + "again in " + throttled.retryAfterSeconds() + " seconds.", username))
                    .header(HttpHeaders.RETRY_AFTER, throttled.retryAfterSeconds()).build();
            lateAnswers.answerRefusalLater(answer, page, arrived, System.nanoTime());
            return;
        }
        long slowdown = result instanceof SignIn.SignedIn signedIn ? signedIn.slowdownMillis()
                : ((SignIn.Refused) result).slowdownMillis();
        lateAnswers.answerAfter(answer, signedIn(result, valid, authorization, uri, headers, request, address), slowdown, arrived,
                System.nanoTime());
    }

    /** Whether the user logged in longer ago than the client's max_age allows (OpenID Connect Core 3.1.2.1: log in again). */
    private boolean tooLongAgo(BrowserLogin login, AuthorizationRequest authorization) {
        Long maxAge = authorization.maxAgeMillis();
        return maxAge != null && sessions.now() - login.authTime() > maxAge;
    }

    private Response signedIn(SignIn result, Check.Valid valid, AuthorizationRequest authorization, UriInfo uri,
            HttpHeaders headers, HttpServletRequest request, String address) {
        if (!(result instanceof SignIn.SignedIn signedIn)) {
            return loginPage(401, authorization, uri, headers, request, "Incorrect username or password.", null);
        }
        if (signedIn.user().disabled()) {
            // the password was right: saying so tells nothing to someone who does not know it
            logins.signedIn(signedIn.user().username(), address, false);
            return Pages.message(403, "Cannot log in", "This account is disabled.");
        }
        Optional<SsoSessions.Started> started = sessions.start(signedIn.user(), BrowserCookies.value(headers, BrowserCookies.SSO));
        logins.signedIn(signedIn.user().username(), address, started.isPresent());
        if (started.isEmpty()) {
            return loginPage(401, authorization, uri, headers, request, "Incorrect username or password.", null);
        }
        String code = authorizations.issueCode(valid.client(), authorization, started.get().login(), address);
        boolean secure = BrowserCookies.secure(uri.getBaseUri(), issuer);
        return back(303, authorization, Map.of("code", code))
                .header(HttpHeaders.SET_COOKIE, BrowserCookies.sso(started.get().cookieValue(), request.getContextPath(),
                        sessions.sessionSeconds(), secure))
                .header(HttpHeaders.SET_COOKIE, BrowserCookies.csrfCleared(request.getContextPath(), secure))
                .build();
    }

    private static Response busyPage() {
        return Response.fromResponse(Pages.message(503, "Please try again", "The server is busy. Try again in a moment."))
                .header(HttpHeaders.RETRY_AFTER, 1).build();
    }

    private Response refusal(Check check, AuthorizationRequest authorization, int redirectStatus) {
        if (check instanceof Check.ErrorPage page) {
            return Pages.message(400, "Cannot log in", page.message());
        }
        Check.ErrorRedirect error = (Check.ErrorRedirect) check;
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", error.error());
        parameters.put("error_description", error.description());
        return back(redirectStatus, authorization, parameters).build();
    }

    /** To the (checked) redirect URI with these parameters, the state and our issuer (RFC 9207). */
    private Response.ResponseBuilder back(int status, AuthorizationRequest authorization, Map<String, String> parameters) {
        StringBuilder location = new StringBuilder(authorization.redirectUri());
        char separator = authorization.redirectUri().contains("?") ? '&' : '?';
        Map<String, String> all = new LinkedHashMap<>(parameters);
        if (authorization.state() != null) {
            all.put("state", authorization.state());
        }
        all.put("iss", issuer);
        for (Map.Entry<String, String> parameter : all.entrySet()) {
            location.append(separator).append(parameter.getKey()).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return Response.status(status)
                .header(HttpHeaders.LOCATION, location.toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer");
    }

    /** The login page with a CSRF token: the browser's own, if it has one, so that two tabs both work. */
    private Response loginPage(int status, AuthorizationRequest authorization, UriInfo uri, HttpHeaders headers,
            HttpServletRequest request, String error, String username) {
        String csrf = BrowserCookies.value(headers, BrowserCookies.CSRF);
        if (!OpaqueTokens.wellFormed(csrf)) {
            csrf = BrowserCookies.random();
        }
        Map<String, String> carried = authorization.forLoginPage().parameters();
        // a page shown again keeps what the user typed; a fresh one offers the client's hint
        String prefilled = username != null || error != null ? username : authorization.usernameHint();
        return Response.fromResponse(Pages.login(status, authorization.clientId(), carried, csrf, error, prefilled))
                .header(HttpHeaders.SET_COOKIE, BrowserCookies.csrf(csrf, request.getContextPath(),
                        BrowserCookies.secure(uri.getBaseUri(), issuer)))
                .build();
    }

    /** This server's base URL as the browser asked for it, without the trailing slash. */
    private static String ownBase(UriInfo uri, HttpHeaders headers) {
        return RequestUrls.asRequested(uri.getBaseUri(), headers.getHeaderString(HttpHeaders.HOST)).toString().replaceAll("/+$", "");
    }
}
