package dev.oauth2jwt.sso.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.access.AuthenticationMethods;
import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.sso.control.Authorizations.Answer;
import dev.oauth2jwt.sso.control.Authorizations.Check;
import dev.oauth2jwt.sso.entity.AuthorizationRequest;
import dev.oauth2jwt.sso.entity.BrowserLogin;
import dev.oauth2jwt.sso.entity.ClaimsRequest;
import dev.oauth2jwt.users.entity.User;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The authorization endpoint's decisions, without a server: redirect matching, PKCE, prompt, max_age and whom a login answers for. */
class AuthorizationsTest {

    static final String APP = "https://app.example.test/callback";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    static final long NOW = 1_800_000_000_000L;

    static Client app(boolean requirePkce, String type) {
        Client client = new Client("app", type.equals(Client.PUBLIC) ? null : "hash", Set.of("me"), Set.of(Client.AUTHORIZATION_CODE), 0);
        client.setBrowserApp(type, List.of(APP), List.of(), requirePkce);
        return client;
    }

    static AuthorizationRequest request(String... namesAndValues) {
        Map<String, String> values = new HashMap<>(Map.of("response_type", "code", "client_id", "app", "redirect_uri", APP));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return AuthorizationRequest.of(values);
    }

    static final User JOHNDOE = new User("johndoe", null, null, "hash", false, Set.of("me"));

    static Optional<BrowserLogin> loggedInAgo(long millis) {
        return Optional.of(new BrowserLogin("sso-1", JOHNDOE, NOW - millis, NOW + 3_600_000, AuthenticationMethods.PASSWORD_ONLY));
    }

    static Check.Valid valid(String expectedSubject) {
        return new Check.Valid(app(true, Client.PUBLIC), ClaimsRequest.NONE, expectedSubject);
    }

    // --- second factors ----------------------------------------------------------------------------

    @Test
    void acrValuesAskForASecondFactorWhenTheFirstValueOfferedIsTwo() {
        assertFalse(Authorizations.asksSecondFactor(null));
        assertTrue(Authorizations.asksSecondFactor("2"));
        assertTrue(Authorizations.asksSecondFactor("gold 2 1"), "unknown values are passed over");
        assertFalse(Authorizations.asksSecondFactor("1 2"), "a password first: the client takes either");
        assertFalse(Authorizations.asksSecondFactor("urn:unknown"));
    }

    @Test
    void aLoginWithoutASecondFactorDoesNotAnswerARequestThatAsksForOne() {
        Check.Valid asking = new Check.Valid(app(true, Client.PUBLIC), ClaimsRequest.NONE, null, true);
        Optional<BrowserLogin> passwordOnly = loggedInAgo(1000);
        Optional<BrowserLogin> withCode = Optional.of(new BrowserLogin("sso-1", JOHNDOE, NOW - 1000, NOW + 3_600_000,
                AuthenticationMethods.passwordAnd(AuthenticationMethods.ONE_TIME_CODE)));
        assertEquals(Answer.LOGIN_PAGE, Authorizations.answer(asking, request(), passwordOnly, NOW));
        assertEquals(Answer.LOGIN_REQUIRED, Authorizations.answer(asking, request("prompt", "none"), passwordOnly, NOW));
        assertEquals(Answer.CODE, Authorizations.answer(asking, request(), withCode, NOW));
        assertEquals(Answer.CODE, Authorizations.answer(valid(null), request(), passwordOnly, NOW), "nobody asked");
    }

    @Test
    void aClientThatRequiresMfaAsksForIt() {
        Client client = app(true, Client.PUBLIC);
        client.setRequireMfa(true);
        assertTrue(new Check.Valid(client, ClaimsRequest.NONE, null).secondFactorAsked());
        assertFalse(valid(null).secondFactorAsked());
    }

    @Test
    void theAccountPageClientReturnsOnlyToThisServersAccountPage() {
        assertTrue(Authorizations.redirectAllowed(Client.account(), "https://login.example.com/account", "https://login.example.com"));
        assertFalse(Authorizations.redirectAllowed(Client.account(), "https://evil.example/account", "https://login.example.com"));
        assertFalse(Authorizations.redirectAllowed(Client.account(), "https://login.example.com/account/x", "https://login.example.com"));
    }

    // --- redirect URIs ---------------------------------------------------------------------------

    @Test
    void aRedirectUriMatchesExactlyNeverByPrefixOrCase() {
        Client client = app(true, Client.PUBLIC);

        assertTrue(Authorizations.redirectAllowed(client, APP, "https://login.example.test"));
        assertFalse(Authorizations.redirectAllowed(client, APP + "/../evil", "https://login.example.test"));
        assertFalse(Authorizations.redirectAllowed(client, APP + "?next=https://evil.example", "https://login.example.test"));
        assertFalse(Authorizations.redirectAllowed(client, "https://APP.example.test/callback", "https://login.example.test"));
        assertFalse(Authorizations.redirectAllowed(client, "https://app.example.test/callback/", "https://login.example.test"));
    }

    @Test
    void theDocsClientsCodesGoToThisServersOwnDocsPageOnly() {
        assertTrue(Authorizations.redirectAllowed(Client.docs(), "https://login.example.test" + Client.DOCS_REDIRECT_PATH,
                "https://login.example.test"));
        assertFalse(Authorizations.redirectAllowed(Client.docs(), "https://evil.example" + Client.DOCS_REDIRECT_PATH,
                "https://login.example.test"));
    }

    // --- PKCE ------------------------------------------------------------------------------------

    @Test
    void pkceIsS256WithA43CharacterChallenge() {
        assertNull(Authorizations.pkce(request("code_challenge", CHALLENGE, "code_challenge_method", "S256"), app(true, Client.PUBLIC)));

        assertRefused("code_challenge required", Authorizations.pkce(request(), app(true, Client.PUBLIC)));
        assertRefused("plain is not supported", Authorizations.pkce(request("code_challenge", CHALLENGE), app(true, Client.PUBLIC)));
        assertRefused("plain is not supported",
                Authorizations.pkce(request("code_challenge", CHALLENGE, "code_challenge_method", "plain"), app(true, Client.PUBLIC)));
        assertRefused("43 base64url characters",
                Authorizations.pkce(request("code_challenge", CHALLENGE + "=", "code_challenge_method", "S256"), app(true, Client.PUBLIC)));
        assertRefused("without code_challenge",
                Authorizations.pkce(request("code_challenge_method", "S256"), app(false, Client.CONFIDENTIAL)));
    }

    @Test
    void onlyAConfidentialClientRegisteredWithoutPkceMayLeaveItOut() {
        assertNull(Authorizations.pkce(request(), app(false, Client.CONFIDENTIAL)));
        assertRefused("code_challenge required", Authorizations.pkce(request(), app(false, Client.PUBLIC)),
                "a public client always needs PKCE, whatever its registration says");
        assertNull(Authorizations.pkce(request("code_challenge", CHALLENGE, "code_challenge_method", "S256"), app(false, Client.CONFIDENTIAL)),
                "and may still use it");
    }

    // --- prompt, max_age, and whom the login answers for --------------------------------------------

    @Test
    void aStandingLoginAnswersWithACodeWithoutAPassword() {
        assertEquals(Answer.CODE, Authorizations.answer(valid(null), request(), loggedInAgo(60_000), NOW));
        assertEquals(Answer.CODE, Authorizations.answer(valid(null), request("prompt", "none"), loggedInAgo(60_000), NOW));
    }

    @Test
    void promptLoginAsksForThePasswordEvenWithALogin() {
        assertEquals(Answer.LOGIN_PAGE, Authorizations.answer(valid(null), request("prompt", "login"), loggedInAgo(1000), NOW));
    }

    @Test
    void promptNoneNeverShowsAPage() {
        assertEquals(Answer.LOGIN_REQUIRED, Authorizations.answer(valid(null), request("prompt", "none"), Optional.empty(), NOW));
        assertEquals(Answer.LOGIN_PAGE, Authorizations.answer(valid(null), request(), Optional.empty(), NOW));
    }

    @Test
    void maxAgeAsksAgainOnceTheLoginIsOlder() {
        assertEquals(Answer.CODE, Authorizations.answer(valid(null), request("max_age", "60"), loggedInAgo(60_000), NOW), "exactly 60 s");
        assertEquals(Answer.LOGIN_PAGE, Authorizations.answer(valid(null), request("max_age", "60"), loggedInAgo(60_001), NOW));
        assertEquals(Answer.LOGIN_PAGE, Authorizations.answer(valid(null), request("max_age", "0"), loggedInAgo(1), NOW));
        assertEquals(Answer.LOGIN_REQUIRED,
                Authorizations.answer(valid(null), request("max_age", "60", "prompt", "none"), loggedInAgo(61_000), NOW));
    }

    @Test
    void aRequestForAnotherAccountIsNeverAnsweredByThisLogin() {
        assertEquals(Answer.CODE, Authorizations.answer(valid(JOHNDOE.subject()), request(), loggedInAgo(1000), NOW));
        assertEquals(Answer.LOGIN_PAGE, Authorizations.answer(valid("someone-else"), request(), loggedInAgo(1000), NOW));
        assertEquals(Answer.LOGIN_REQUIRED, Authorizations.answer(valid("someone-else"), request("prompt", "none"), loggedInAgo(1000), NOW));
    }

    static void assertRefused(String because, Check check) {
        assertRefused(because, check, because);
    }

    static void assertRefused(String because, Check check, String message) {
        Check.ErrorRedirect refused = assertInstanceOf(Check.ErrorRedirect.class, check, message);
        assertEquals("invalid_request", refused.error());
        assertTrue(refused.description().contains(because), refused.description());
    }
}
