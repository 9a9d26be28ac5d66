package dev.oauth2jwt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.BrowserSession;
import dev.oauth2jwt.it.support.CodeFlow;
import dev.oauth2jwt.it.support.CodeFlowTestBase;
import dev.oauth2jwt.it.support.Oathtool;
import dev.oauth2jwt.testing.SoftAuthenticator;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Second factors over HTTP, as a browser and an app meet them, on every server: the login page's
 * second step (codes computed by Debian's oathtool from the key the account page showed), its
 * refusals and throttle, recovery codes, enrolment when an app requires a factor, acr_values, the
 * ID token's amr and acr, the password grant's refusal, the account page's rules and the admin API;
 * and passkeys from a software authenticator (webauthn4j on each server).
 */
class SecondFactorIT extends CodeFlowTestBase {

    static final Pattern SECRET = Pattern.compile("<code id=\"secret\">([A-Z2-7 ]+)</code>");
    static final Pattern RECOVERY_CODE = Pattern.compile("<li><code>([A-Z2-7-]{19})</code></li>");
    static final Pattern CONTINUE = Pattern.compile("id=\"continue\" href=\"([^\"]+)\"");

    /** A person with an authenticator app, as the account page enrolled it: the key and the recovery codes shown once. */
    record Enrolled(String user, String secret, List<String> recoveryCodes) {
    }

    static String path(String location) {
        URI uri = URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    static String html(String text) {
        return text.replace("&amp;", "&");
    }

    /** The account page in this browser, after a login on the login page it sends the browser to (the built-in client account). */
    Api.Answer accountPage(BrowserSession browser, String user) {
        Api.Answer toLogin = browser.get("/account");
        assertEquals(303, toLogin.status(), toLogin::toString);
        assertTrue(toLogin.header("location").contains("/authorize?response_type=code&client_id=account&"), toLogin.header("location"));
        Api.Answer page = browser.get(path(toLogin.header("location")));
        assertEquals(200, page.status(), page::toString);
        Api.Answer loggedIn = browser.postForm("/login", Api.form(BrowserSession.form(page.body(),
                Map.of("username", user, "password", "its-password"))));
        assertEquals(303, loggedIn.status(), loggedIn::toString);
        assertFalse(loggedIn.header("location").contains("code="), "the account page gets no code: " + loggedIn.header("location"));
        Api.Answer account = browser.get(path(loggedIn.header("location")));
        assertEquals(200, account.status(), account::toString);
        return account;
    }

    /** The fields of the account page's form with this id (its CSRF token among them), with these added. */
    static Map<String, String> accountForm(String page, String formId, Map<String, String> typed) {
        Matcher form = Pattern.compile("<form method=\"post\" class=\"inline\" id=\"" + formId + "\" action=\"[^\"]+\">(.*?)</form>",
                Pattern.DOTALL).matcher(page);
        assertTrue(form.find(), "no form " + formId + " on " + page);
        return BrowserSession.form(form.group(1), typed);
    }

    Enrolled enrolled(String user) {
        BrowserSession browser = new BrowserSession(api);
        Api.Answer account = accountPage(browser, user);
        Api.Answer offered = browser.postForm("/account/authenticator", Api.form(accountForm(account.body(), "add-authenticator",
                Map.of("name", "phone"))));
        assertEquals(200, offered.status(), offered::toString);
        Matcher secret = SECRET.matcher(offered.body());
        assertTrue(secret.find(), offered.body());
        assertTrue(offered.body().contains("<svg"), "the QR code, drawn by the server");
        String key = secret.group(1).replace(" ", "");
        Api.Answer confirmed = browser.postForm("/account/authenticator/confirm", Api.form(BrowserSession.form(offered.body(),
                Map.of("code", Oathtool.code(key)))));
        assertEquals(200, confirmed.status(), confirmed::toString);
        List<String> codes = RECOVERY_CODE.matcher(confirmed.body()).results().map(found -> found.group(1)).toList();
        assertEquals(10, codes.size(), confirmed.body());
        return new Enrolled(user, key, codes);
    }

    /** The password step of a code flow login in a new browser: the second step's page. */
    Api.Answer passwordStep(BrowserSession browser, String authorizeQuery, String user) {
        Api.Answer page = browser.get("/authorize?" + authorizeQuery);
        assertEquals(200, page.status(), page::toString);
        return browser.postForm("/login", Api.form(BrowserSession.form(page.body(), Map.of("username", user, "password", "its-password"))));
    }

    static Api.Answer secondStep(BrowserSession browser, Api.Answer stepPage, String code) {
        return browser.postForm("/login", Api.form(BrowserSession.form(stepPage.body(), Map.of("code", code))));
    }

    @Test
    void aLoginAsksForTheCodeAfterThePasswordAndTheIdTokenSaysHowItWasProven() {
        Enrolled person = enrolled(user());
        TestClient app = publicClient();
        String verifier = BrowserSession.verifier();
        BrowserSession browser = new BrowserSession(api);
        Api.Answer step = passwordStep(browser, CodeFlow.authorizeQuery(app.id(), APP, "openid me", "n", "s", verifier), person.user());
        assertEquals(200, step.status(), step::toString);
        assertTrue(step.body().contains("<title>Two-step verification - oauth2-jwt</title>"), step.body());
        assertNull(step.header("location"));
        assertFalse(browser.cookies.containsKey(SSO), "no browser login before the second step");

        Api.Answer wrong = secondStep(browser, step, Oathtool.code(person.secret(), 300));
        assertEquals(401, wrong.status(), wrong::toString);
        assertTrue(wrong.body().contains("Incorrect or already used code."), wrong.body());
        assertFalse(browser.cookies.containsKey(SSO));

        Api.Answer done = secondStep(browser, wrong, Oathtool.code(person.secret(), 30));
        assertEquals(303, done.status(), done::toString);
        assertTrue(browser.cookies.containsKey(SSO));
        Api.Answer tokens = redeem(app.id(), null, BrowserSession.query(done.header("location")).get("code"), APP, verifier);
        assertEquals(200, tokens.status(), tokens::toString);
        JsonObject idToken = part(tokens.json().asJsonObject().getString("id_token"), 1);
        assertEquals("[\"pwd\",\"otp\",\"mfa\"]", idToken.getJsonArray("amr").toString());
        assertEquals("2", idToken.getString("acr"));

        // the same browser's next app: its standing login (with the second factor) answers at once
        Api.Answer silent = browser.get("/authorize?" + CodeFlow.authorizeQuery(app.id(), APP, "openid", "n", "s", verifier)
                + "&acr_values=2&prompt=none");
        assertEquals(302, silent.status(), silent::toString);
        assertNotNull(BrowserSession.query(silent.header("location")).get("code"), silent.header("location"));
    }

    @Test
    void aCodeIsAcceptedOnceAndARecoveryCodeToo() {
        Enrolled person = enrolled(user());
        TestClient app = publicClient();
        String code = Oathtool.code(person.secret(), 30);
        BrowserSession first = new BrowserSession(api);
        assertEquals(303, secondStep(first, passwordStep(first, query(app), person.user()), code).status());
        BrowserSession second = new BrowserSession(api);
        Api.Answer replayed = secondStep(second, passwordStep(second, query(app), person.user()), code);
        assertEquals(401, replayed.status(), "the same code, again: " + replayed);

        Api.Answer recovered = secondStep(second, replayed, person.recoveryCodes().get(3).toLowerCase());
        assertEquals(303, recovered.status(), "a recovery code, as typed in any case: " + recovered);
        BrowserSession third = new BrowserSession(api);
        Api.Answer again = secondStep(third, passwordStep(third, query(app), person.user()), person.recoveryCodes().get(3));
        assertEquals(401, again.status(), "a recovery code is spent once used: " + again);
        assertEquals(9, admin("GET", "/users/" + person.user() + "/factors", null).json().asJsonObject().getInt("recovery_codes_left"));
    }

    String query(TestClient app) {
        return CodeFlow.authorizeQuery(app.id(), APP, "openid", "n", "s", BrowserSession.verifier());
    }

    @Test
    void wrongCodesCountAsWrongPasswordsAndEndTheStep() {
        Enrolled person = enrolled(user());
        TestClient app = publicClient();
        BrowserSession browser = new BrowserSession(api);
        Api.Answer step = passwordStep(browser, query(app), person.user());
        String wrong = Oathtool.code(person.secret(), 600);
        for (int attempt = 1; attempt <= 5; attempt++) {
            step = secondStep(browser, step, wrong);
            assertEquals(401, step.status(), "wrong code " + attempt);
        }
        Api.Answer over = secondStep(browser, step, Oathtool.code(person.secret(), 30));
        assertEquals(401, over.status(), "five wrong codes end the step, even before the right one: " + over);
        assertTrue(over.body().contains("Log in again."), over.body());
        assertTrue(over.body().contains("id=\"password\""), "the login page again");

        // the password again does not clear the count: five more wrong codes reach the throttle's ten
        step = passwordStep(browser, query(app), person.user());
        assertEquals(200, step.status(), step::toString);
        BrowserSession next = new BrowserSession(api);
        Api.Answer loginPage = next.get("/authorize?" + query(app));
        for (int attempt = 1; attempt <= 5; attempt++) {
            step = secondStep(browser, step, wrong);
        }
        // the tenth failure blocks the name from this address for a second, then longer with each one
        Api.Answer throttled = next.postForm("/login", Api.form(BrowserSession.form(loginPage.body(),
                Map.of("username", person.user(), "password", "its-password"))));
        assertEquals(429, throttled.status(), "ten wrong codes from this address: " + throttled);
        assertNotNull(throttled.header("retry-after"));
    }

    @Test
    void theSecondStepIsTheLoginFormsOwnAndUnknownStepsGoBackToTheLoginPage() {
        Enrolled person = enrolled(user());
        TestClient app = publicClient();
        BrowserSession browser = new BrowserSession(api);
        Api.Answer step = passwordStep(browser, query(app), person.user());
        Map<String, String> fields = BrowserSession.form(step.body(), Map.of("code", Oathtool.code(person.secret(), 30)));
        Map<String, String> noCsrf = new java.util.LinkedHashMap<>(fields);
        noCsrf.remove("csrf");
        assertEquals(403, browser.postForm("/login", Api.form(noCsrf)).status(), "no CSRF token");
        assertEquals(403, new BrowserSession(api).postForm("/login", Api.form(fields)).status(), "another browser (no CSRF cookie)");
        Map<String, String> forged = new java.util.LinkedHashMap<>(fields);
        forged.put("pending", BrowserSession.verifier());
        Api.Answer unknown = browser.postForm("/login", Api.form(forged));
        assertEquals(401, unknown.status(), unknown::toString);
        assertTrue(unknown.body().contains("Your login expired"), unknown.body());
        assertEquals(303, browser.postForm("/login", Api.form(fields)).status(), "the real one still works");
    }

    @Test
    void aRevocationDuringTheSecondStepEndsIt() {
        Enrolled person = enrolled(user());
        TestClient app = publicClient();
        BrowserSession browser = new BrowserSession(api);
        Api.Answer step = passwordStep(browser, query(app), person.user());
        assertEquals(200, step.status(), step::toString);
        assertEquals(200, admin("PATCH", "/users/" + person.user(), "{\"password\":\"a-new-long-password\"}").status());
        Api.Answer after = secondStep(browser, step, Oathtool.code(person.secret(), 30));
        assertEquals(401, after.status(), "the right code, but the password it followed is no longer the account's: " + after);
        assertTrue(after.body().contains("Your login expired"), after.body());
        assertFalse(browser.cookies.containsKey(SSO));
    }

    @Test
    void thePasswordGrantTellsAnAccountWithAFactorToUseTheLoginPageAfterTheRightPasswordOnly() {
        Enrolled person = enrolled(user());
        Api.Answer wrong = api.postForm("/token", "username=" + person.user() + "&password=not-its-password");
        assertEquals(401, wrong.status(), wrong::toString);
        assertEquals("{\"detail\":\"Incorrect username or password\"}", wrong.body());
        Api.Answer right = api.postForm("/token", "username=" + person.user() + "&password=its-password");
        assertEquals(400, right.status(), right::toString);
        JsonObject error = right.json().asJsonObject();
        assertEquals("invalid_grant", error.getString("error"));
        assertTrue(error.getString("error_description").contains("login page"), right.body());
        assertEquals("no-store", right.header("cache-control"));
    }

    @Test
    void anAppThatRequiresASecondFactorLeadsAPersonWithoutOneToEnrolAfterThePassword() {
        String user = user();
        Api.Answer client = admin("POST", "/clients", "{\"client_id\":\"" + CodeFlow.clientId("strict") + "\",\"client_type\":\"public\","
                + "\"scopes\":[\"me\"],\"redirect_uris\":[\"" + APP + "\"],\"require_mfa\":true}");
        assertEquals(201, client.status(), client::toString);
        assertTrue(client.json().asJsonObject().getBoolean("require_mfa"));
        String clientId = client.json().asJsonObject().getString("client_id");
        String verifier = BrowserSession.verifier();
        BrowserSession browser = new BrowserSession(api);
        Api.Answer enrolment = passwordStep(browser, CodeFlow.authorizeQuery(clientId, APP, "openid", "n", "s", verifier), user);
        assertEquals(200, enrolment.status(), enrolment::toString);
        assertTrue(enrolment.body().contains("Set up two-step verification") && enrolment.body().contains("<svg"), enrolment.body());
        Matcher secret = SECRET.matcher(enrolment.body());
        assertTrue(secret.find());
        String key = secret.group(1).replace(" ", "");

        Api.Answer wrong = secondStep(browser, enrolment, Oathtool.code(key, 300));
        assertEquals(401, wrong.status(), wrong::toString);
        assertTrue(wrong.body().contains(secret.group(1)), "the same key again");
        Api.Answer codes = secondStep(browser, wrong, Oathtool.code(key));
        assertEquals(200, codes.status(), codes::toString);
        assertEquals(10, RECOVERY_CODE.matcher(codes.body()).results().count());
        assertTrue(browser.cookies.containsKey(SSO), "logged in");
        Matcher onward = CONTINUE.matcher(codes.body());
        assertTrue(onward.find(), codes.body());
        String code = BrowserSession.query(html(onward.group(1))).get("code");
        Api.Answer tokens = redeem(clientId, null, code, APP, verifier);
        assertEquals(200, tokens.status(), tokens::toString);
        assertEquals("2", part(tokens.json().asJsonObject().getString("id_token"), 1).getString("acr"));
        assertTrue(admin("GET", "/users/" + user, null).json().asJsonObject().getBoolean("mfa"));
    }

    @Test
    void acrValuesAskForASecondFactorThatAPasswordLoginDidNotGive() {
        String user = user();
        TestClient app = publicClient();
        BrowserSession browser = new BrowserSession(api);
        JsonObject tokens = logInAndRedeem(browser, app, user);
        assertEquals("1", part(tokens.getString("id_token"), 1).getString("acr"));
        assertEquals("[\"pwd\"]", part(tokens.getString("id_token"), 1).getJsonArray("amr").toString());
        String asking = CodeFlow.authorizeQuery(app.id(), APP, "openid", "n", "s", BrowserSession.verifier()) + "&acr_values=2";
        Api.Answer silent = browser.get("/authorize?" + asking + "&prompt=none");
        assertEquals("login_required", BrowserSession.query(silent.header("location")).get("error"), silent::toString);
        Api.Answer page = browser.get("/authorize?" + asking);
        assertEquals(200, page.status(), "the login page, not a code: " + page);
        Api.Answer enrol = browser.postForm("/login", Api.form(BrowserSession.form(page.body(),
                Map.of("username", user, "password", "its-password"))));
        assertTrue(enrol.body().contains("Set up two-step verification"), "one without a factor enrols: " + enrol.body());
        assertEquals("[\"1\",\"2\"]", api.get("/.well-known/openid-configuration").json().asJsonObject()
                .getJsonArray("acr_values_supported").toString());
    }

    @Test
    void theAdministratorSeesAndResetsAPersonsFactors() {
        Enrolled person = enrolled(user());
        JsonObject account = admin("GET", "/users/" + person.user(), null).json().asJsonObject();
        assertTrue(account.getBoolean("mfa"));
        JsonObject factors = admin("GET", "/users/" + person.user() + "/factors", null).json().asJsonObject();
        assertEquals(1, factors.getJsonArray("factors").size());
        JsonObject factor = factors.getJsonArray("factors").getJsonObject(0);
        assertEquals("totp", factor.getString("type"));
        assertEquals("phone", factor.getString("name"));
        assertFalse(factor.toString().contains(person.secret()), "never the secret");
        assertEquals(10, factors.getInt("recovery_codes_left"));
        String userToken = api.login("johndoe", "secret");
        assertEquals(401, api.method("GET", "/users/" + person.user() + "/factors", "Authorization", "Bearer " + userToken).status(),
                "the admin scope only");
        assertEquals(404, admin("GET", "/users/nobody-at-all/factors", null).status());

        assertEquals(204, admin("DELETE", "/users/" + person.user() + "/factors", null).status());
        assertFalse(admin("GET", "/users/" + person.user(), null).json().asJsonObject().getBoolean("mfa"));
        assertEquals(0, admin("GET", "/users/" + person.user() + "/factors", null).json().asJsonObject().getInt("recovery_codes_left"));
        assertEquals(200, api.postForm("/token", "username=" + person.user() + "&password=its-password").status(),
                "without a factor the password grant serves it again");
    }

    @Test
    void theAccountPageNeedsItsOwnFormsAndARecentLogin() throws InterruptedException {
        String user = user();
        assertEquals(303, new BrowserSession(api).get("/account").status(), "no login: the login page first");
        BrowserSession browser = new BrowserSession(api);
        Api.Answer account = accountPage(browser, user);
        Map<String, String> fields = accountForm(account.body(), "add-authenticator", Map.of());
        Map<String, String> forged = new java.util.LinkedHashMap<>(fields);
        forged.put("csrf", BrowserSession.verifier());
        assertEquals(403, browser.postForm("/account/authenticator", Api.form(forged)).status(), "another page's token");
        assertEquals(403, browser.postForm("/account/authenticator", Api.form(fields), "Origin", "https://evil.example").status(),
                "a post from another site");

        Thread.sleep((ACCOUNT_REAUTHENTICATION_SECONDS + 1) * 1000L);
        Api.Answer stale = browser.postForm("/account/authenticator", Api.form(fields));
        assertEquals(303, stale.status(), stale::toString);
        assertTrue(stale.header("location").contains("/authorize?") && stale.header("location").contains("prompt=login"),
                "a login of more than a few seconds ago logs in again first: " + stale.header("location"));
        assertEquals(200, browser.get("/account").status(), "looking needs no fresh login");
    }

    @Test
    void theAccountPageListsTheSessionsAndEndsOne() {
        String user = user();
        JsonObject grant = api.login(user, "its-password", "me");
        BrowserSession browser = new BrowserSession(api);
        Api.Answer account = accountPage(browser, user);
        assertTrue(account.body().contains("Password login (API)"), account.body());
        Matcher ends = Pattern.compile("name=\"kind\" value=\"app\"><input type=\"hidden\" name=\"session\" value=\"([^\"]+)\">")
                .matcher(account.body());
        assertTrue(ends.find(), account.body());
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(account.body());
        assertTrue(csrf.find());
        Api.Answer ended = browser.postForm("/account/sessions/end", Api.form(Map.of("csrf", csrf.group(1), "kind", "app",
                "session", ends.group(1))));
        assertEquals(303, ended.status(), ended::toString);
        assertEquals(400, api.postForm("/token", "grant_type=refresh_token&refresh_token=" + grant.getString("refresh_token")).status(),
                "the app's refresh token ended with its session");
        assertEquals(401, me(grant.getString("access_token")).status(), "and its access token");
        assertTrue(browser.get("/account?done=session-ended").body().contains("Session ended."));
    }

    @Test
    void aWrongPasswordKeepsTheNameTypedAndAChangedPasswordEndsTheAccountPagesLogin() {
        String user = user();
        TestClient app = publicClient();
        BrowserSession browser = new BrowserSession(api);
        Api.Answer page = browser.get("/authorize?" + query(app));
        Api.Answer wrong = browser.postForm("/login", Api.form(BrowserSession.form(page.body(),
                Map.of("username", user, "password", "not-its-password"))));
        assertEquals(401, wrong.status());
        assertTrue(wrong.body().contains("value=\"" + user + "\""), "the name stays in its field: " + wrong.body());

        BrowserSession own = new BrowserSession(api);
        Api.Answer account = accountPage(own, user);
        Api.Answer refused = own.postForm("/account/password", Api.form(accountForm(account.body(), "password-form",
                Map.of("current_password", "not-its-password", "new_password", "a-new-long-password",
                        "new_password_repeat", "a-new-long-password"))));
        assertEquals(400, refused.status(), refused::toString);
        Api.Answer changed = own.postForm("/account/password", Api.form(accountForm(account.body(), "password-form",
                Map.of("current_password", "its-password", "new_password", "a-new-long-password",
                        "new_password_repeat", "a-new-long-password"))));
        assertEquals(200, changed.status(), changed::toString);
        assertEquals(303, own.get("/account").status(), "the login ended with the old password");
        assertEquals(200, api.postForm("/token", "username=" + user + "&password=a-new-long-password").status());
    }

    @Test
    void aPasskeyAddedOnTheAccountPageIsASecondFactorThenTheWholeLogin() {
        String user = user();
        String rpId = URI.create(ISSUER).getHost();
        SoftAuthenticator authenticator = new SoftAuthenticator();
        BrowserSession browser = new BrowserSession(api);
        Api.Answer account = accountPage(browser, user);
        Map<String, String> form = new java.util.LinkedHashMap<>(accountForm(account.body(), "add-passkey", Map.of("name", "laptop")));
        Api.Answer creation = browser.postForm("/account/passkeys/options", Api.form(form));
        assertEquals(200, creation.status(), creation::toString);
        JsonObject options = creation.json().asJsonObject();
        assertEquals(rpId, options.getJsonObject("rp").getString("id"), "the issuer's host");
        form.put("passkey", authenticator.registration(options.getString("challenge"), ISSUER, rpId, true));
        Api.Answer added = browser.postForm("/account/passkeys", Api.form(form));
        assertEquals(200, added.status(), added::toString);
        assertEquals(10, RECOVERY_CODE.matcher(added.body()).results().count(), "the first factor's recovery codes");
        JsonObject factor = admin("GET", "/users/" + user + "/factors", null).json().asJsonObject().getJsonArray("factors").getJsonObject(0);
        assertEquals("passkey", factor.getString("type"));
        assertEquals("laptop", factor.getString("name"));

        TestClient app = publicClient();
        String verifier = BrowserSession.verifier();
        BrowserSession second = new BrowserSession(api);
        Api.Answer step = passwordStep(second, CodeFlow.authorizeQuery(app.id(), APP, "openid", "n", "s", verifier), user);
        assertTrue(step.body().contains("id=\"passkey-second-factor\""), step.body());
        Api.Answer request = second.postForm("/login/passkey-options", Api.form(BrowserSession.form(step.body(), Map.of())));
        assertEquals(1, request.json().asJsonObject().getJsonArray("allowCredentials").size(), request::toString);
        Api.Answer done = second.postForm("/login", Api.form(BrowserSession.form(step.body(), Map.of("passkey",
                authenticator.assertion(request.json().asJsonObject().getString("challenge"), ISSUER, rpId, null, false)))));
        assertEquals(303, done.status(), done::toString);
        Api.Answer tokens = redeem(app.id(), null, BrowserSession.query(done.header("location")).get("code"), APP, verifier);
        assertEquals("[\"pwd\",\"hwk\",\"user\",\"mfa\"]",
                part(tokens.json().asJsonObject().getString("id_token"), 1).getJsonArray("amr").toString());

        String again = BrowserSession.verifier();
        BrowserSession third = new BrowserSession(api);
        Api.Answer page = third.get("/authorize?" + CodeFlow.authorizeQuery(app.id(), APP, "openid", "n", "s", again));
        Api.Answer passwordless = third.postForm("/login/passkey-options", Api.form(BrowserSession.form(page.body(), Map.of())));
        byte[] userHandle = subjectOf(user).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Api.Answer in = third.postForm("/login", Api.form(BrowserSession.form(page.body(), Map.of("passkey",
                authenticator.assertion(passwordless.json().asJsonObject().getString("challenge"), ISSUER, rpId, userHandle, true)))));
        assertEquals(303, in.status(), "no password, no name: the passkey named the account " + in);
        Api.Answer alone = redeem(app.id(), null, BrowserSession.query(in.header("location")).get("code"), APP, again);
        JsonObject idToken = part(alone.json().asJsonObject().getString("id_token"), 1);
        assertEquals(subjectOf(user), idToken.getString("sub"));
        assertEquals("[\"hwk\",\"user\",\"mfa\"]", idToken.getJsonArray("amr").toString());
        assertEquals("2", idToken.getString("acr"));
    }

    @Test
    void aPasskeyThatIsNoneOfOursLogsNobodyIn() {
        TestClient app = publicClient();
        BrowserSession browser = new BrowserSession(api);
        Api.Answer page = browser.get("/authorize?" + query(app));
        assertTrue(page.body().contains("data-passkey=\"authenticate\""), "the passkey button, for the script to show");
        Api.Answer options = browser.postForm("/login/passkey-options", Api.form(BrowserSession.form(page.body(), Map.of())));
        assertEquals(200, options.status(), options::toString);
        JsonObject publicKey = options.json().asJsonObject();
        assertEquals("login.example.test", publicKey.getString("rpId"), "the issuer's host");
        assertEquals("required", publicKey.getString("userVerification"));
        assertEquals(43, publicKey.getString("challenge").length());
        assertEquals(403, new BrowserSession(api).postForm("/login/passkey-options", Api.form(BrowserSession.form(page.body(), Map.of())))
                .status(), "no CSRF cookie: no challenge");

        Api.Answer forged = browser.postForm("/login", Api.form(BrowserSession.form(page.body(), Map.of("passkey",
                "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30\","
                        + "\"authenticatorData\":\"AAAA\",\"signature\":\"AAAA\"},\"clientExtensionResults\":{}}"))));
        assertEquals(401, forged.status(), forged::toString);
        assertTrue(forged.body().contains("That passkey did not log you in."), forged.body());
        assertFalse(browser.cookies.containsKey(SSO));
    }
}
