package dev.oauth2jwt.sso.boundary;

import static dev.oauth2jwt.http.boundary.HtmlPages.escape;

import dev.oauth2jwt.http.boundary.HtmlPages;
import dev.oauth2jwt.sessions.entity.LoginSession;
import dev.oauth2jwt.sso.entity.BrowserLogin;
import dev.oauth2jwt.sso.entity.SsoSession;
import dev.oauth2jwt.users.control.SecondFactors;
import dev.oauth2jwt.users.entity.SecondFactor;
import dev.oauth2jwt.users.entity.User;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The account page's HTML: the profile, the password, the second factors and recovery codes, the
 * sessions, each change a form posting to {@code /account/...} with the page's CSRF token. No
 * script: it works in any browser.
 */
final class AccountPages {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** What the page shows: the person, their factors and sessions, and where its forms post. */
    record View(BrowserLogin login, String base, String csrf, List<SecondFactors.Listed> factors, long recoveryCodesLeft,
                List<SsoSession> browsers, List<LoginSession> apps, String note, String error) {
    }

    private AccountPages() {
    }

    static Response account(int status, View view) {
        User user = view.login().user();
        StringBuilder body = new StringBuilder();
        body.append("<h1>Your account</h1>\n<p>Logged in as <strong id=\"username\">").append(escape(user.username()))
                .append("</strong>. <a href=\"").append(escape(view.base())).append("/logout\">Log out</a></p>\n");
        if (view.note() != null) {
            body.append("<p class=\"note\" role=\"status\" id=\"note\">").append(escape(view.note())).append("</p>\n");
        }
        if (view.error() != null) {
            body.append("<p class=\"error\" role=\"alert\" id=\"error\">").append(escape(view.error())).append("</p>\n");
        }
        body.append("<h2>Profile</h2>\n<table>\n")
                .append(row("Username", user.username()))
                .append(row("Name", user.fullName() == null ? "-" : user.fullName()))
                .append(row("Email", user.email() == null ? "-" : user.email() + (user.emailVerified() ? " (verified)" : "")))
                .append(row("Account", user.fromDirectory() ? "your company directory's" : "this service's"))
                .append("</table>\n");

        body.append("<h2>Password</h2>\n");
        if (user.fromDirectory()) {
            body.append("<p>Your password is your company directory's: change it there.</p>\n");
        } else {
            body.append(form(view, "password", "password-form"))
                    .append(field("current_password", "Current password", "password", "current-password"))
                    .append(field("new_password", "New password", "password", "new-password"))
                    .append(field("new_password_repeat", "New password again", "password", "new-password"))
                    .append("<button type=\"submit\">Change password</button>\n</form>\n");
        }

        body.append("<h2>Two-step verification</h2>\n");
        if (view.factors().isEmpty()) {
            body.append("<p id=\"mfa-status\">Off: your password alone logs you in.</p>\n");
        } else {
            body.append("<p id=\"mfa-status\">On: after your password, one of these.</p>\n<table id=\"factors\">\n"
                    + "<tr><th>Name</th><th>Kind</th><th>Added</th><th>Last used</th><th></th></tr>\n");
            for (SecondFactors.Listed factor : view.factors()) {
                body.append("<tr><td>").append(escape(factor.name())).append("</td><td>")
                        .append(SecondFactor.PASSKEY.equals(factor.kind()) ? "Passkey" : "Authenticator app").append("</td><td>")
                        .append(when(factor.createdAt()))
                        .append("</td><td>").append(factor.lastUsedAt().map(AccountPages::when).orElse("-")).append("</td><td>")
                        .append(form(view, "factors/remove", null)).append(hidden("factor", factor.id()))
                        .append("<button type=\"submit\">Remove</button></form></td></tr>\n");
            }
            body.append("</table>\n");
        }
        body.append(form(view, "authenticator", "add-authenticator"))
                .append(field("name", "Name of the new authenticator app (optional)", "text", "off").replace(" required", ""))
                .append("<button type=\"submit\">Add an authenticator app</button>\n</form>\n");
        body.append(form(view, "passkeys", "add-passkey"))
                .append(field("passkey-name", "Name of the new passkey (optional)", "text", "off").replace(" required", "")
                        .replace("name=\"passkey-name\"", "name=\"name\""))
                .append("<input type=\"hidden\" name=\"passkey\" value=\"\">\n<button type=\"button\" id=\"add-passkey-button\" "
                        + "data-passkey=\"register\" data-options=\"").append(escape(view.base())).append("/account/passkeys/options\" hidden>"
                        + "Add a passkey</button>\n<p class=\"error\" role=\"alert\" data-passkey-status hidden></p>\n</form>\n");
        if (!view.factors().isEmpty()) {
            body.append("<p id=\"recovery-status\">Recovery codes left: ").append(view.recoveryCodesLeft()).append(" of ")
                    .append(SecondFactors.RECOVERY_CODES).append(".</p>\n").append(form(view, "recovery-codes", "recovery-form"))
                    .append("<button type=\"submit\">Make new recovery codes</button>\n</form>\n");
        }

        body.append("<h2>Where you are logged in</h2>\n<table id=\"sessions\">\n"
                + "<tr><th>Session</th><th>From</th><th>Since</th><th></th></tr>\n");
        for (SsoSession browser : view.browsers()) {
            boolean current = browser.id().equals(view.login().sessionId());
            body.append("<tr><td>Browser").append(current ? " (this one)" : "")
                    .append(browser.userAgent() == null ? "" : "<br><small>" + escape(browser.userAgent()) + "</small>")
                    .append("</td><td>").append(escape(String.valueOf(browser.address()))).append("</td><td>")
                    .append(when(browser.authTime())).append("</td><td>").append(endForm(view, "browser", browser.id()))
                    .append("</td></tr>\n");
        }
        for (LoginSession app : view.apps()) {
            String what = app.clientId() != null ? "Application " + app.clientId() : "Password login (API)";
            String from = app.address() != null ? app.address() : "through a browser login";
            body.append("<tr><td>").append(escape(what)).append("</td><td>").append(escape(from)).append("</td><td>")
                    .append(when(app.createdAt())).append("</td><td>").append(endForm(view, "app", app.id())).append("</td></tr>\n");
        }
        body.append("</table>\n<script src=\"").append(escape(view.base())).append("/assets/passkeys.js\" defer></script>");
        return HtmlPages.page(status, "Your account", body.toString(), true);
    }

    /** An authenticator app being added: its QR code and key, and the first code from it. */
    static Response authenticator(int status, String base, String csrf, String factorId, String secret, String keyUri, String qrSvg,
            String error) {
        String body = "<h1>Add an authenticator app</h1>\n<p>Scan this code with the app, then enter the code it shows.</p>\n"
                + (error == null ? "" : "<p class=\"error\" role=\"alert\" id=\"error\">" + escape(error) + "</p>\n")
                + "<div class=\"qr\">" + qrSvg + "</div>\n" + Pages.keyAsText(secret, keyUri)
                + "<form method=\"post\" action=\"" + escape(base) + "/account/authenticator/confirm\">\n"
                + hidden("csrf", csrf) + hidden("factor", factorId)
                + "<label for=\"code\">Code from the app</label>\n<input type=\"text\" id=\"code\" name=\"code\" inputmode=\"numeric\" "
                + "autocomplete=\"one-time-code\" pattern=\"[0-9]{6}\" maxlength=\"6\" required autofocus>\n"
                + "<button type=\"submit\">Turn on</button>\n</form>\n<p><a href=\"" + escape(base) + "/account\">Cancel</a></p>";
        return HtmlPages.page(status, "Add an authenticator app", body);
    }

    /** New recovery codes, shown this once. */
    static Response recoveryCodes(String base, List<String> codes) {
        StringBuilder list = new StringBuilder("<ol id=\"recovery-codes\" class=\"codes\">\n");
        codes.forEach(code -> list.append("<li><code>").append(escape(code)).append("</code></li>\n"));
        String body = "<h1>Your recovery codes</h1>\n<p>Each logs you in once instead of your authenticator app. They are shown "
                + "only now and replace any you had: print them or keep them somewhere safe.</p>\n" + list + "</ol>\n"
                + "<p><a class=\"button\" id=\"continue\" href=\"" + escape(base) + "/account\">Back to your account</a></p>";
        return HtmlPages.page(200, "Your recovery codes", body);
    }

    private static String endForm(AccountPages.View view, String kind, String id) {
        return form(view, "sessions/end", null) + hidden("kind", kind) + hidden("session", id)
                + "<button type=\"submit\">End</button></form>";
    }

    private static String form(View view, String action, String id) {
        return "<form method=\"post\" class=\"inline\"" + (id == null ? "" : " id=\"" + id + "\"") + " action=\"" + escape(view.base())
                + "/account/" + action + "\">\n" + hidden("csrf", view.csrf());
    }

    private static String field(String name, String label, String type, String autocomplete) {
        return "<label for=\"" + name + "\">" + escape(label) + "</label>\n<input type=\"" + type + "\" id=\"" + name + "\" name=\""
                + name + "\" autocomplete=\"" + autocomplete + "\" required>\n";
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
    }

    private static String row(String name, String value) {
        return "<tr><th>" + escape(name) + "</th><td>" + escape(value) + "</td></tr>\n";
    }

    private static String when(long epochMillis) {
        return WHEN.format(Instant.ofEpochMilli(epochMillis));
    }
}
