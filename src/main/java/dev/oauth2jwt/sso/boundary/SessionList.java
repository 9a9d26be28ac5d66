package dev.oauth2jwt.sso.boundary;

import dev.oauth2jwt.sessions.entity.LoginSession;
import dev.oauth2jwt.sso.entity.SsoSession;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A user's standing sessions as the admin API lists them, as the account page shows them: browser
 * logins, and the apps and password logins holding tokens. Times are epoch seconds.
 */
@Schema(name = "SessionList")
public record SessionList(List<Session> sessions) {

    @Schema(name = "Session")
    @JsonbNillable
    @SuppressWarnings("deprecation")
    @JsonbPropertyOrder({"id", "kind", "clientId", "client_id", "browserLogin", "browser_login", "startedAt", "started_at",
            "address", "userAgent", "user_agent", "amr"})
    public record Session(String id,
                          @Schema(enumeration = {"browser", "app", "password"}, description = "A browser login (the single "
                                  + "sign-on), an app's tokens from one, or a password login's tokens.") String kind,
                          @Schema(nullable = true) @JsonbProperty(value = "client_id", nillable = true) String clientId,
                          @Schema(nullable = true, description = "The browser login an app's tokens came from.")
                          @JsonbProperty(value = "browser_login", nillable = true) String browserLogin,
                          @JsonbProperty("started_at") long startedAt,
                          @Schema(nullable = true) String address,
                          @Schema(nullable = true) @JsonbProperty(value = "user_agent", nillable = true) String userAgent,
                          @Schema(nullable = true, description = "How the login was proven (RFC 8176).") List<String> amr) {

        static Session of(SsoSession browser) {
            return new Session(browser.id(), "browser", null, null, browser.authTime() / 1000, browser.address(), browser.userAgent(),
                    browser.amr().claim());
        }

        static Session of(LoginSession app) {
            boolean fromBrowser = app.ssoSessionId() != null;
            return new Session(app.id(), fromBrowser ? "app" : "password", app.clientId(), app.ssoSessionId(), app.createdAt() / 1000,
                    app.address(), null, app.amr().claim());
        }
    }
}
