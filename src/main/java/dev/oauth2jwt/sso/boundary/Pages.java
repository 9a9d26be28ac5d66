package dev.oauth2jwt.sso.boundary;

import dev.oauth2jwt.http.boundary.HtmlPages;
import jakarta.ws.rs.core.Response;
import dev.oauth2jwt.sso.control.SecondSteps;
import dev.oauth2jwt.clients.entity.RedirectUris;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTML the browser sees: the login page, error pages, the logout question, the logged-out page.
 * Served by the WAR itself (no CDN, no script, works offline), every value escaped, never framed,
 * never cached.
 */
final class Pages {

    private Pages() {
    }

    /**
     * The login form: the authorization request rides along in hidden fields, checked again when
     * posted to {@code login}, relative to {@code /authorize} and to {@code /login} alike.
     */
    static Response login(int status, String clientId, Map<String, String> request, String csrf, String error,
            String username) {
        String body = "<h1>Log in</h1>\n<p>to continue to <strong>" + escape(clientId) + "</strong></p>\n"
                + (error == null ? "" : "<p class=\"error\" role=\"alert\" id=\"error\">" + escape(error) + "</p>\n")
                + "<form method=\"post\" action=\"login\">\n" + hidden(request, csrf)
                + "<label for=\"username\">Username</label>\n"
                + "<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" autocapitalize=\"none\" "
                + "spellcheck=\"false\" required autofocus value=\"" + escape(username == null ? "" : username) + "\""
                + (error == null ? "" : " aria-describedby=\"error\"") + ">\n"
                + "<label for=\"password\">Password</label>\n"
                + "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required>\n"
                + "<button type=\"submit\">Log in</button>\n" + passkeyButton("Log in with a passkey", "passkey-login") + "</form>\n"
                + SCRIPT;
        return page(status, "Log in", body);
    }

    /**
     * The second step of a login: a code from the authenticator app or a recovery code. The form
     * posts to {@code login} again, with the pending login's token beside the request and CSRF token.
     */
    static Response secondStep(int status, String clientId, Map<String, String> request, String csrf, SecondSteps.Step.Pending pending,
            String error) {
        String hint = pending.offersCode() ? "The 6-digit code from your authenticator app, or one of your recovery codes."
                : "Use your passkey, or enter one of your recovery codes.";
        String body = "<h1>Two-step verification</h1>\n<p>to continue to <strong>" + escape(clientId) + "</strong></p>\n"
                + (error == null ? "" : "<p class=\"error\" role=\"alert\" id=\"error\">" + escape(error) + "</p>\n")
                + "<form method=\"post\" action=\"login\">\n" + hidden(request, csrf) + pendingField(pending.token())
                + (pending.offersPasskey() ? passkeyButton("Use your passkey", "passkey-second-factor") : "")
                + "<label for=\"code\">" + (pending.offersCode() ? "Code" : "Recovery code") + "</label>\n"
                + "<p class=\"hint\" id=\"code-hint\">" + hint + "</p>\n"
                + "<input type=\"text\" id=\"code\" name=\"code\" autocomplete=\"one-time-code\" autocapitalize=\"none\" "
                + "spellcheck=\"false\" required" + (pending.offersPasskey() ? "" : " autofocus") + " maxlength=\"32\" "
                + "aria-describedby=\"code-hint" + (error == null ? "" : " error") + "\">\n<button type=\"submit\">Verify</button>\n</form>\n"
                + (pending.offersPasskey() ? SCRIPT : "");
        return page(status, "Two-step verification", body);
    }

    /** The page's one script, for its passkey button; relative to /authorize and /login alike. */
    private static final String SCRIPT = "<script src=\"assets/passkeys.js\" defer></script>";

    /**
     * A passkey button (hidden until the script shows it: without script or WebAuthn nothing
     * changes), the field its answer is posted in, and where a failure is said.
     */
    private static String passkeyButton(String label, String id) {
        return "<input type=\"hidden\" name=\"passkey\" value=\"\">\n<button type=\"button\" class=\"secondary\" id=\"" + id
                + "\" data-passkey=\"authenticate\" data-options=\"login/passkey-options\" hidden>" + escape(label) + "</button>\n"
                + "<p class=\"error\" role=\"alert\" data-passkey-status hidden></p>\n";
    }

    /**
     * A person who must have a second factor and has none sets up an authenticator app: the QR code
     * of its {@code otpauth://} URI (drawn here), the secret as text for typing in, and the first code.
     */
    static Response enrolment(int status, String clientId, Map<String, String> request, String csrf, String pending, String secret,
            String keyUri, String qrSvg, String error) {
        String body = "<h1>Set up two-step verification</h1>\n<p><strong>" + escape(clientId) + "</strong> asks for a second "
                + "factor. Scan this code with an authenticator app, then enter the code it shows.</p>\n"
                + (error == null ? "" : "<p class=\"error\" role=\"alert\" id=\"error\">" + escape(error) + "</p>\n")
                + "<div class=\"qr\">" + qrSvg + "</div>\n"
                + keyAsText(secret, keyUri)
                + "<form method=\"post\" action=\"login\">\n" + hidden(request, csrf) + pendingField(pending)
                + "<label for=\"code\">Code from the app</label>\n"
                + "<input type=\"text\" id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" "
                + "pattern=\"[0-9]{6}\" maxlength=\"6\" required autofocus>\n<button type=\"submit\">Turn on</button>\n</form>";
        return page(status, "Set up two-step verification", body);
    }

    /** The recovery codes of a new enrolment, shown this once, and the way on to the application. */
    static Response recoveryCodes(String clientId, java.util.List<String> codes, String continueTo) {
        StringBuilder list = new StringBuilder("<ol id=\"recovery-codes\" class=\"codes\">\n");
        codes.forEach(code -> list.append("<li><code>").append(escape(code)).append("</code></li>\n"));
        String body = "<h1>Save your recovery codes</h1>\n<p>Two-step verification is on. If you lose your phone, each of "
                + "these codes logs you in once instead of the app. They are shown only now: print them or keep them somewhere "
                + "safe.</p>\n" + list + "</ol>\n<p><a class=\"button\" id=\"continue\" href=\"" + escape(continueTo)
                + "\">Continue to " + escape(clientId) + "</a></p>";
        return page(200, "Save your recovery codes", body);
    }

    /** The key for typing in, and its otpauth:// URI (a phone's browser opens the app with it). */
    static String keyAsText(String secret, String keyUri) {
        return "<p>Or type this key in: <code id=\"secret\">" + escape(grouped(secret)) + "</code></p>\n"
                + "<p class=\"hint\">On this phone: <a id=\"key-uri\" href=\"" + escape(keyUri) + "\">open it in the authenticator "
                + "app</a> (" + escape(keyUri.substring(0, keyUri.indexOf('?'))) + ").</p>\n";
    }

    private static String pendingField(String pending) {
        return "<input type=\"hidden\" name=\"pending\" value=\"" + escape(pending) + "\">\n";
    }

    /** A base32 secret in groups of four, as authenticator apps let people type it. */
    static String grouped(String secret) {
        return secret.replaceAll("(.{4})(?!$)", "$1 ");
    }

    /**
     * The question RP-Initiated Logout 1.0 (section 2) says must be asked when the request does not
     * prove it comes from an application of the logged-in user: a link on any site could end the
     * login otherwise. The form posts to {@code logout/confirm}, relative to {@code /logout}.
     */
    static Response logoutConfirmation(String username, String clientId, Map<String, String> request, String csrf) {
        String body = "<h1>Log out</h1>\n<p>You are logged in as <strong>" + escape(username) + "</strong>."
                + (clientId == null ? "" : " The application <strong>" + escape(clientId) + "</strong> asks to log you out.")
                + "</p>\n<p>Log out? Every application you logged in to here will ask you to log in again.</p>\n"
                + "<form method=\"post\" action=\"logout/confirm\">\n" + hidden(request, csrf)
                + "<button type=\"submit\">Log out</button>\n</form>";
        return page(200, "Log out", body);
    }

    /**
     * Logged out, telling the applications in hidden frames (Front-Channel Logout 1.0): each frame
     * loads an application's front-channel logout URI; then on to {@code returnTo} (by the page's
     * script once the frames have loaded, or the link), or just the message when there is none.
     * {@code base} leads from the page's address to the server's root ({@code ""} or {@code "../"}).
     */
    static Response frontChannelLogout(List<String> frames, String returnTo, String base) {
        StringBuilder body = new StringBuilder("<h1>Logged out</h1>\n<p role=\"status\">You are logged out")
                .append(returnTo == null ? "." : "; signing you out of your applications.").append("</p>\n")
                .append("<script src=\"").append(escape(base)).append("assets/logout.js\"></script>\n<div hidden>\n");
        Set<String> origins = new LinkedHashSet<>();
        for (String frame : frames) {
            body.append("<iframe class=\"logout\" title=\"Logging out of an application\" src=\"").append(escape(frame))
                    .append("\"></iframe>\n");
            RedirectUris.webOrigin(frame).ifPresent(origins::add);
        }
        body.append("</div>\n");
        if (returnTo != null) {
            body.append("<a class=\"button\" id=\"continue\" href=\"").append(escape(returnTo)).append("\">Continue</a>\n");
        }
        return HtmlPages.pageFraming(200, "Logged out", body.toString(), origins);
    }

    static Response message(int status, String title, String message) {
        return page(status, title, "<h1>" + escape(title) + "</h1>\n<p role=\"alert\">" + escape(message) + "</p>");
    }

    private static Response page(int status, String title, String body) {
        return HtmlPages.page(status, title, body);
    }

    /** The request riding along in hidden fields (checked again when posted), and the form's CSRF token. */
    private static String hidden(Map<String, String> request, String csrf) {
        StringBuilder hidden = new StringBuilder();
        request.forEach((name, value) -> hidden.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">\n"));
        return hidden.append("<input type=\"hidden\" name=\"csrf\" value=\"").append(escape(csrf)).append("\">\n").toString();
    }

    static String escape(String value) {
        return HtmlPages.escape(value);
    }
}
