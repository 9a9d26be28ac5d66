package dev.oauth2jwt.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.oauth2jwt.testing.Jws;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The code flow as the tests drive it over plain HTTP, against one deployed server: registering
 * clients and users through the admin API, the authorization request, a login in a fresh browser,
 * redeeming the code, reading what came back (checked with the JDK alone, never our own code).
 */
public final class CodeFlow {

    /** A registered client; {@code secret} null for a public one. */
    public record TestClient(String id, String secret) {
    }

    public final Api api;
    public final String redirectUri;

    public CodeFlow(Api api, String redirectUri) {
        this.api = api;
        this.redirectUri = redirectUri;
    }

    public TestClient publicClient() {
        String id = clientId("spa");
        Api.Answer created = api.asAdmin("POST", "/clients", "{\"client_id\":\"" + id + "\",\"client_type\":\"public\","
                + "\"scopes\":[\"me\",\"items\"],\"redirect_uris\":[\"" + redirectUri + "\"]}");
        assertEquals(201, created.status(), created::toString);
        return new TestClient(id, null);
    }

    /** A confidential client as the certification plan registers one: a secret, and PKCE as given. */
    public TestClient confidentialClient(boolean requirePkce, String postLogoutRedirectUri) {
        String id = clientId("web");
        Api.Answer created = api.asAdmin("POST", "/clients", "{\"client_id\":\"" + id + "\",\"scopes\":[\"me\"],\"redirect_uris\":[\""
                + redirectUri + "\"],\"post_logout_redirect_uris\":[\"" + postLogoutRedirectUri + "\"],\"require_pkce\":"
                + requirePkce + "}");
        assertEquals(201, created.status(), created::toString);
        return new TestClient(id, created.json().asJsonObject().getString("client_secret"));
    }

    /** A user of this test alone (password {@code its-password}): no other test's failed logins slow it down. */
    public String user() {
        String name = "sso-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer created = api.asAdmin("POST", "/users", "{\"username\":\"" + name + "\",\"password\":\"its-password\","
                + "\"full_name\":\"SSO User\",\"email\":\"" + name + "@example.com\",\"scopes\":[\"me\",\"items\"]}");
        assertEquals(201, created.status(), created::toString);
        return name;
    }

    /** The account's subject identifier (the sub of its ID tokens), as the admin API shows it. */
    public String subjectOf(String user) {
        return api.asAdmin("GET", "/users/" + user, null).json().asJsonObject().getString("id");
    }

    /** An authorization request's query to this redirect URI with PKCE (S256) for this verifier. */
    public static String authorizeQuery(String clientId, String redirectUri, String scope, String nonce, String state, String verifier) {
        return new CodeFlow(null, redirectUri).authorize(clientId, scope, nonce, state, verifier);
    }

    /** An authorization request's query with PKCE (S256) for this verifier. */
    public String authorize(String clientId, String scope, String nonce, String state, String verifier) {
        return withoutPkce(clientId, scope, nonce, state) + "&code_challenge=" + BrowserSession.challenge(verifier)
                + "&code_challenge_method=S256";
    }

    /** An authorization request's query without PKCE, and without a nonce when it is null. */
    public String withoutPkce(String clientId, String scope, String nonce, String state) {
        return "response_type=code&client_id=" + enc(clientId) + "&redirect_uri=" + enc(redirectUri) + "&scope=" + enc(scope)
                + (nonce == null ? "" : "&nonce=" + enc(nonce)) + "&state=" + enc(state);
    }

    /** Logs the user in on the login page in this browser: the code it was sent back with. */
    public String logIn(BrowserSession browser, String query, String user) {
        Api.Answer loggedIn = browser.logIn(query, user, "its-password");
        assertEquals(303, loggedIn.status(), loggedIn::toString);
        return BrowserSession.query(loggedIn.header("location")).get("code");
    }

    /** The code as a client redeems it: public by client_id, confidential with HTTP Basic. */
    public Api.Answer redeem(TestClient client, String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        if (client.secret() == null) {
            form.put("client_id", client.id());
            return api.postForm("/token", Api.form(form));
        }
        return api.postForm("/token", Api.form(form), "Authorization", basic(client.id(), client.secret()));
    }

    /** The tokens of a fresh login of the user in a new browser (PKCE, a nonce). */
    public JsonObject tokens(TestClient client, String user, String scope) {
        String verifier = BrowserSession.verifier();
        String code = logIn(new BrowserSession(api), authorize(client.id(), scope, "n-" + UUID.randomUUID(), "s", verifier), user);
        Api.Answer tokens = redeem(client, code, verifier);
        assertEquals(200, tokens.status(), tokens::toString);
        return tokens.json().asJsonObject();
    }

    public PublicKey publishedKey(String kid) {
        return api.get("/.well-known/jwks.json").json().asJsonObject().getJsonArray("keys").getValuesAs(JsonObject.class).stream()
                .filter(key -> key.getString("kid").equals(kid)).findFirst().map(Jws::publicKey)
                .orElseThrow(() -> new AssertionError("kid " + kid + " is not published"));
    }

    /** An ID token's claims, once its signature checked out against the published key set (with the JDK). */
    public JsonObject verifiedClaims(String idToken, String algorithm) {
        if (!Jws.verifies(idToken, algorithm, publishedKey(part(idToken, 0).getString("kid")))) {
            throw new AssertionError("not signed with a published key: " + idToken);
        }
        return part(idToken, 1);
    }

    public static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((enc(id) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8));
    }

    public static String clientId(String kind) {
        return kind + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** OpenID Connect Core 3.1.3.6, computed here with the JDK alone. */
    public static String atHash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonObject part(String token, int index) {
        String json = new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8);
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
