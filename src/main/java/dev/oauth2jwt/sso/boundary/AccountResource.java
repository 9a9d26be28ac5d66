package dev.oauth2jwt.sso.boundary;

import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.crypto.OpaqueTokens;
import dev.oauth2jwt.http.boundary.ClientAddresses;
import dev.oauth2jwt.http.boundary.FormBody;
import dev.oauth2jwt.http.boundary.QrCodes;
import dev.oauth2jwt.monitoring.AuditLog;
import dev.oauth2jwt.sessions.control.LoginSessions;
import dev.oauth2jwt.signin.control.PasswordChange;
import dev.oauth2jwt.sso.control.SsoSessions;
import dev.oauth2jwt.sso.entity.BrowserLogin;
import dev.oauth2jwt.tokens.control.TokenSettings;
import dev.oauth2jwt.errors.boundary.ErrorResponses;
import dev.oauth2jwt.users.control.Passkeys;
import dev.oauth2jwt.users.control.SecondFactors;
import dev.oauth2jwt.users.control.Totp;
import dev.oauth2jwt.users.control.UserRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /account}: the signed-in person's own page, by their browser login (the SSO cookie): the
 * profile, the password (local accounts), authenticator apps and recovery codes, and every session
 * with a button to end it. Without a login it sends the browser to the login page (as the built-in
 * client {@code account}) and back. Every change is a form with the page's CSRF token, needs a login
 * of the last {@code ACCOUNT_REAUTHENTICATION_SECONDS} (else the login page first), and is audited.
 */
@ApplicationScoped
@Path("account")
public class AccountResource {

    /** The notes a change leaves for the page it returns to, by a fixed name (nothing sent is shown). */
    private static final Map<String, String> NOTES = Map.of(
            "authenticator-added", "Authenticator app added.",
            "passkey-added", "Passkey added.",
            "factor-removed", "Authenticator app removed.",
            "session-ended", "Session ended.");

    @Inject
    SsoSessions ssoSessions;

    @Inject
    LoginSessions loginSessions;

    @Inject
    SecondFactors factors;

    @Inject
    PasswordChange passwordChange;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    BrowserCookies cookies;

    @Inject
    AuditLog audit;

    @Inject
    TokenSettings tokenSettings;

    @Inject
    Passkeys passkeys;

    @Inject
    AuthorizationAnswers answers;

    @Inject
    @ConfigProperty(name = "account.reauthentication-seconds")
    int reauthenticationSeconds;

    /** A request's browser login, its cookie, and this server's base URL as the browser asked for it. */
    private record Caller(BrowserLogin login, String cookie, String base) {
    }

    @GET
    @Operation(summary = "The account page (browser)", description = "The signed-in person's profile, password, second factors and "
            + "sessions; without a login, the login page first.")
    @APIResponse(responseCode = "200", description = "The page (HTML).")
    @APIResponse(responseCode = "303", description = "To the login page, which comes back here.")
    public Response page(@QueryParam("done") String done, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context HttpServletRequest request) {
        Optional<Caller> caller = caller(uri, headers, request);
        if (caller.isEmpty()) {
            return toLogin(uri, headers, false);
        }
        return view(200, caller.get(), done == null ? null : NOTES.get(done), null);
    }

    @POST
    @Path("password")
    @Operation(summary = "Change the password (account page)", description = "Ends every session, this one too.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED))
    @APIResponse(responseCode = "200", description = "Changed: the page says to log in again.")
    @APIResponse(responseCode = "400", description = "The page again: a wrong current password, or a new one the rules refuse.")
    @APIResponse(responseCode = "403", description = "No or a wrong CSRF token.")
    @APIResponse(responseCode = "409", description = "A directory account: its password is the directory's.")
    @APIResponse(responseCode = "429", description = "Too many wrong passwords; see Retry-After.")
    public Response changePassword(InputStream body, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context HttpServletRequest request) {
        return change(body, uri, headers, request, (caller, fields) -> {
            String username = caller.login().user().username();
            String next = fields.get("new_password");
            if (caller.login().user().fromDirectory()) {
                return view(409, caller, null, "Your password is your company directory's: change it there.");
            }
            if (fields.get("current_password") == null || next == null) {
                return view(400, caller, null, "Enter your current password and the new one.");
            }
            if (!next.equals(fields.get("new_password_repeat"))) {
                return view(400, caller, null, "The new password and its repetition differ.");
            }
            Optional<String> problem = UserRules.passwordProblem(next);
            if (problem.isPresent()) {
                return view(400, caller, null, "The new password is refused: " + problem.get() + ".");
            }
            PasswordChange.Result result = passwordChange.change(username, fields.get("current_password"), next,
                    clientAddresses.of(request));
            if (result instanceof PasswordChange.Result.Throttled throttled) {
                return Response.fromResponse(view(429, caller, null, "Too many wrong passwords. Try again in "
                        + throttled.retryAfterSeconds() + " seconds.")).header(HttpHeaders.RETRY_AFTER, throttled.retryAfterSeconds()).build();
            }
            if (result instanceof PasswordChange.Result.WrongPassword) {
                return view(400, caller, null, "Your current password is not right.");
            }
            if (result instanceof PasswordChange.Result.DirectoryAccount) {
                return view(409, caller, null, "Your password is your company directory's: change it there.");
            }
            return Pages.message(200, "Password changed", "Your password is changed and every session has ended, this one too. "
                    + "Log in again with the new password.");
        });
    }

    @POST
    @Path("authenticator")
    @Operation(summary = "Start adding an authenticator app (account page)", description = "Shows its QR code and key.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED))
    @APIResponse(responseCode = "200", description = "The QR code, the key, and a field for the first code.")
    @APIResponse(responseCode = "403", description = "No or a wrong CSRF token.")
    public Response addAuthenticator(InputStream body, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context HttpServletRequest request) {
        return change(body, uri, headers, request, (caller, fields) -> {
            SecondFactors.Enrolment offered = factors.offerTotp(caller.login().user().id(), fields.get("name"));
            return authenticatorPage(200, caller, offered.factorId(), offered.secret(), null);
        });
    }

    @POST
    @Path("authenticator/confirm")
    @Operation(summary = "Turn an authenticator app on (account page)", description = "With the first code from it.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED))
    @APIResponse(responseCode = "200", description = "On; the first factor's recovery codes, shown once.")
    @APIResponse(responseCode = "303", description = "On: back to the account page.")
    @APIResponse(responseCode = "400", description = "The same page again: the code is not from this key.")
    @APIResponse(responseCode = "403", description = "No or a wrong CSRF token.")
    public Response confirmAuthenticator(InputStream body, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context HttpServletRequest request) {
        return change(body, uri, headers, request, (caller, fields) -> {
            Long userId = caller.login().user().id();
            String factorId = fields.get("factor");
            Optional<String> secret = factorId == null ? Optional.empty() : factors.offeredSecret(userId, factorId);
            if (secret.isEmpty()) {
                return backTo(caller, null);
            }
            if (!factors.confirmTotp(userId, factorId, fields.get("code"))) {
                return authenticatorPage(400, caller, factorId, secret.get(), "That code is not from this key. Check the app and try again.");
            }
            audited(caller, request, "authenticator app enrolled");
            if (factors.recoveryCodesLeft(userId) == 0) {
                return AccountPages.recoveryCodes(caller.base(), factors.newRecoveryCodes(userId));
            }
            return backTo(caller, "authenticator-added");
        });
    }

    @POST
    @Path("passkeys/options")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Passkey options (the account page's script)", description = "A WebAuthn challenge to register a passkey.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED))
    @APIResponse(responseCode = "200", description = "PublicKeyCredentialCreationOptions, binary values base64url.")
    @APIResponse(responseCode = "401", description = "No login, or one too old: reload the page.")
    @APIResponse(responseCode = "403", description = "No or a wrong CSRF token.")
    public Response passkeyOptions(InputStream body, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context HttpServletRequest request) {
        Response checked = change(body, uri, headers, request, (caller, fields) -> Response.ok(passkeys.creationOptions(
                        caller.login().user(), answers.relyingParty(uri, headers)).toString(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build());
        // the script reads JSON: a page or a redirect to the login page becomes a JSON refusal it can show
        return checked.getStatus() == 200 ? checked : ErrorResponses.of(checked.getStatus() == 403 ? 403 : 401,
                "Reload the page (and log in again) to add a passkey").build();
    }

    @POST
    @Path("passkeys")
    @Operation(summary = "Add a passkey (account page)", description = "The browser's registration, checked and kept.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED))
    @APIResponse(responseCode = "303", description = "Added: back to the account page.")
    @APIResponse(responseCode = "400", description = "The page again: the registration was refused.")
    @APIResponse(responseCode = "403", description = "No or a wrong CSRF token.")
    public Response addPasskey(InputStream body, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context HttpServletRequest request) {
        return change(body, uri, headers, request, (caller, fields) -> {
            String registration = fields.get("passkey");
            if (registration == null || passkeys.register(caller.login().user(), fields.get("name"), registration,
                    answers.relyingParty(uri, headers)).isEmpty()) {
                return view(400, caller, null, "The passkey could not be added. Try again.");
            }
            audited(caller, request, "passkey registered");
            Long userId = caller.login().user().id();
            if (factors.recoveryCodesLeft(userId) == 0) {
                // the first factor (or the first since the codes ran out): the codes that stand in for it
                return AccountPages.recoveryCodes(caller.base(), factors.newRecoveryCodes(userId));
            }
            return backTo(caller, "passkey-added");
        });
    }

    @POST
    @Path("factors/remove")
    @Operation(summary = "Remove an authenticator app (account page)", description = "The last one takes the recovery codes with it.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED))
    @APIResponse(responseCode = "303", description = "Back to the account page.")
    @APIResponse(responseCode = "403", description = "No or a wrong CSRF token.")
    public Response removeFactor(InputStream body, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context HttpServletRequest request) {
        return change(body, uri, headers, request, (caller, fields) -> {
            String factorId = fields.get("factor");
            if (factorId != null && factors.remove(caller.login().user().id(), factorId)) {
                audited(caller, request, "second factor removed");
                return backTo(caller, "factor-removed");
            }
            return backTo(caller, null);
        });
    }

    @POST
    @Path("recovery-codes")
    @Operation(summary = "Make new recovery codes (account page)", description = "Shown once; the old ones stop working.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED))
    @APIResponse(responseCode = "200", description = "The new codes.")
    @APIResponse(responseCode = "303", description = "No second factor: back to the account page.")
    @APIResponse(responseCode = "403", description = "No or a wrong CSRF token.")
    public Response newRecoveryCodes(InputStream body, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context HttpServletRequest request) {
        return change(body, uri, headers, request, (caller, fields) -> {
            Long userId = caller.login().user().id();
            if (factors.list(userId).isEmpty()) {
                return backTo(caller, null);
            }
            List<String> codes = factors.newRecoveryCodes(userId);
            audited(caller, request, "recovery codes renewed");
            return AccountPages.recoveryCodes(caller.base(), codes);
        });
    }

    @POST
    @Path("sessions/end")
    @Operation(summary = "End a session (account page)", description = "A browser login (its apps' tokens with it) or one app's.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED))
    @APIResponse(responseCode = "303", description = "Back to the account page (the login page, when it was this browser's).")
    @APIResponse(responseCode = "403", description = "No or a wrong CSRF token.")
    public Response endSession(InputStream body, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context HttpServletRequest request) {
        return change(body, uri, headers, request, (caller, fields) -> {
            Long userId = caller.login().user().id();
            String session = fields.get("session");
            boolean ended = session != null && ("browser".equals(fields.get("kind")) ? ssoSessions.endById(userId, session)
                    : "app".equals(fields.get("kind")) && ssoSessions.endAppSession(userId, session));
            if (ended) {
                audited(caller, request, "session ended (" + fields.get("kind") + ")");
                return backTo(caller, "session-ended");
            }
            return backTo(caller, null);
        });
    }

    /** What a change does, given the caller (logged in, recently, the form its own) and the form's fields. */
    @FunctionalInterface
    private interface Change {
        Response apply(Caller caller, Map<String, String> fields);
    }

    /** The checks every change passes first: a login, the page's CSRF token, a recent login; then the change. */
    private Response change(InputStream body, UriInfo uri, HttpHeaders headers, HttpServletRequest request, Change change) {
        BrowserParameters.Read read = BrowserParameters.of(FormBody.read(headers.getMediaType(), headers.getLength(), body));
        if (read instanceof BrowserParameters.Read.Refused refused) {
            return Pages.message(400, "Cannot change your account", refused.message());
        }
        Map<String, String> fields = ((BrowserParameters.Read.Parameters) read).values();
        Optional<Caller> caller = caller(uri, headers, request);
        if (caller.isEmpty()) {
            return toLogin(uri, headers, false);
        }
        if (!FormPosts.accountFormHolds(fields.get("csrf"), caller.get().cookie(), headers)) {
            return Pages.message(403, "Cannot change your account", "The form has expired or did not come from this site. "
                    + "Open your account page again.");
        }
        if (ssoSessions.now() - caller.get().login().authTime() > reauthenticationSeconds * 1000L) {
            // max_age-style: a browser left logged in must not let someone else change the account
            return toLogin(uri, headers, true);
        }
        return change.apply(caller.get(), fields);
    }

    private Optional<Caller> caller(UriInfo uri, HttpHeaders headers, HttpServletRequest request) {
        String cookie = cookies.of(request).value(headers, BrowserCookies.SSO);
        return ssoSessions.find(cookie).map(login -> new Caller(login, cookie, AuthorizationAnswers.ownBase(uri, headers)));
    }

    private Response view(int status, Caller caller, String note, String error) {
        Long userId = caller.login().user().id();
        return AccountPages.account(status, new AccountPages.View(caller.login(), caller.base(), FormPosts.accountToken(caller.cookie()),
                factors.list(userId), factors.recoveryCodesLeft(userId), ssoSessions.standing(userId),
                loginSessions.live(caller.login().user()), note, error));
    }

    private Response authenticatorPage(int status, Caller caller, String factorId, String secret, String error) {
        String keyUri = Totp.uri(tokenSettings.displayName(), caller.login().user().username(), secret);
        return AccountPages.authenticator(status, caller.base(), FormPosts.accountToken(caller.cookie()), factorId, secret, keyUri,
                QrCodes.svg(keyUri, 220), error);
    }

    private void audited(Caller caller, HttpServletRequest request, String event) {
        audit.account(event, caller.login().user().username(), clientAddresses.of(request), "the user, on the account page");
    }

    private static Response backTo(Caller caller, String note) {
        return Response.seeOther(URI.create(caller.base() + Client.ACCOUNT_PATH + (note == null ? "" : "?done=" + note)))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /**
     * To the login page as the built-in {@code account} client, which sends the browser back here
     * (no code: the browser login is what this page reads); {@code again}: even when logged in.
     */
    private static Response toLogin(UriInfo uri, HttpHeaders headers, boolean again) {
        String base = AuthorizationAnswers.ownBase(uri, headers);
        // PKCE is every public client's rule; this one never redeems a code, so the challenge is any valid one
        String challenge = OpaqueTokens.sha256(OpaqueTokens.generate()).substring(0, 43);
        String location = base + "/authorize?response_type=code&client_id=" + Client.ACCOUNT_CLIENT_ID + "&redirect_uri="
                + URLEncoder.encode(base + Client.ACCOUNT_PATH, StandardCharsets.UTF_8) + "&code_challenge=" + challenge
                + "&code_challenge_method=S256" + (again ? "&prompt=login" : "");
        return Response.seeOther(URI.create(location)).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
