package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.Deployments;
import dev.oauth2jwt.it.support.DefaultServerTest;
import dev.oauth2jwt.it.support.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.testing.Jwts;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Assumptions;

/** POST /token on the real server: every answer of the contract, byte for byte where FastAPI fixes it. */
class TokenEndpointIT extends DefaultServerTest {

    static final String BAD_CREDENTIALS = "{\"detail\":\"Incorrect username or password\"}";
    static final String MISSING_USERNAME = "{\"type\":\"missing\",\"loc\":[\"body\",\"username\"],\"msg\":\"Field required\",\"input\":null}";
    static final String MISSING_PASSWORD = "{\"type\":\"missing\",\"loc\":[\"body\",\"password\"],\"msg\":\"Field required\",\"input\":null}";

    Api.Answer login(Map<String, String> fields, String... headers) {
        return api.postForm("/token", Api.form(fields), headers);
    }

    @Test
    void theRightPasswordGetsABearerTokenThatIsNotCached() {
        Api.Answer answer = login(Map.of("username", "johndoe", "password", "secret"));

        assertEquals(200, answer.status(), answer::toString);
        assertTrue(answer.header("content-type").startsWith("application/json"), answer::toString);
        assertEquals("no-store", answer.header("cache-control"));
        assertEquals("no-cache", answer.header("pragma"));
        JsonObject body = answer.json().asJsonObject();
        assertEquals(java.util.List.of("access_token", "token_type", "expires_in", "refresh_token", "scope"),
                java.util.List.copyOf(body.keySet()), "the seed's three fields first, then RFC 6749's");
        assertEquals("me items", body.getString("scope"));
        assertEquals("bearer", body.getString("token_type"));
        assertEquals(1800, body.getInt("expires_in"));

        String token = body.getString("access_token");
        JsonObject header = jakarta.json.Json.createReader(new java.io.StringReader(Jwts.part(token, 0))).readObject();
        assertEquals(java.util.List.of("alg", "typ", "kid"), java.util.List.copyOf(header.keySet()));
        assertEquals("HS256", header.getString("alg"));
        assertEquals("JWT", header.getString("typ"));
        assertEquals(16, header.getString("kid").length(), "an id derived from the key");
        JsonObject claims = jakarta.json.Json.createReader(new java.io.StringReader(Jwts.part(token, 1))).readObject();
        assertEquals("johndoe", claims.getString("sub"));
        long now = System.currentTimeMillis() / 1000;
        long exp = claims.getJsonNumber("exp").longValue();
        assertTrue(Math.abs(exp - (now + 1800)) < 60, "exp is 30 minutes from now: " + exp);
    }

    @Test
    void theTokenIsSignedWithTheSecretAsPyJwtWouldSignIt() {
        String token = api.login("johndoe", "secret");

        assertEquals(Jwts.signatureWith(Deployments.JWT_SECRET, token), token.split("\\.")[2]);
    }

    @Test
    void aFullPasswordGrantFormIsAccepted() {
        Api.Answer answer = login(Map.of("grant_type", "password", "username", "johndoe", "password", "secret",
                "scope", "me items", "client_id", "some-client", "client_secret", "some-secret"));

        assertEquals(200, answer.status(), answer::toString);
    }

    @Test
    void hashesWith2yAnd2aPrefixesLogIn() {
        assertEquals(200, login(Map.of("username", "janedoe", "password", "janes-password")).status());
        assertEquals(200, login(Map.of("username", "bob", "password", "bobs-password")).status());
    }

    @Test
    void aDisabledUserWithTheRightPasswordStillGetsAToken() {
        assertEquals(200, login(Map.of("username", "alice", "password", "secretalice")).status());
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        Api.Answer wrongPassword = login(Map.of("username", "johndoe", "password", "not-secret"));
        Api.Answer unknownUser = login(Map.of("username", "nobody", "password", "secret"));

        for (Api.Answer answer : new Api.Answer[]{wrongPassword, unknownUser}) {
            assertEquals(401, answer.status(), answer::toString);
            assertEquals(BAD_CREDENTIALS, answer.body());
            assertEquals("Bearer", answer.header("www-authenticate"));
        }
        assertEquals(wrongPassword.headers().keySet(), unknownUser.headers().keySet());
    }

    @Test
    void emptyUsernameOrPasswordAreMissingAsInFastApi() {
        Api.Answer noUsername = login(Map.of("username", "", "password", "secret"));
        assertEquals(422, noUsername.status(), noUsername::toString);
        assertEquals("{\"detail\":[" + MISSING_USERNAME + "]}", noUsername.body());

        Api.Answer noPassword = login(Map.of("username", "johndoe", "password", ""));
        assertEquals(422, noPassword.status(), noPassword::toString);
        assertEquals("{\"detail\":[" + MISSING_PASSWORD + "]}", noPassword.body());

        Api.Answer neither = api.postForm("/token", "username=&password=");
        assertEquals("{\"detail\":[" + MISSING_USERNAME + "," + MISSING_PASSWORD + "]}", neither.body());
    }

    @Test
    void missingFieldsAre422InFastApisShapeInFormOrder() {
        Api.Answer none = api.postForm("/token", "");
        assertEquals(422, none.status(), none::toString);
        assertEquals("{\"detail\":[" + MISSING_USERNAME + "," + MISSING_PASSWORD + "]}", none.body());

        Api.Answer noPassword = login(Map.of("username", "johndoe"));
        assertEquals(422, noPassword.status());
        assertEquals("{\"detail\":[" + MISSING_PASSWORD + "]}", noPassword.body());

        Api.Answer noUsername = login(Map.of("password", "secret"));
        assertEquals("{\"detail\":[" + MISSING_USERNAME + "]}", noUsername.body());
    }

    @Test
    void aJsonBodyIsNotAFormAndLacksBothFields() {
        Api.Answer answer = api.post("/token", "{\"username\":\"johndoe\",\"password\":\"secret\"}"
                .getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");

        assertEquals(422, answer.status(), answer::toString);
        assertEquals("{\"detail\":[" + MISSING_USERNAME + "," + MISSING_PASSWORD + "]}", answer.body());
    }

    @Test
    void aBodyWithoutContentTypeIsNoForm() {
        String both = "{\"detail\":[" + MISSING_USERNAME + "," + MISSING_PASSWORD + "]}";

        Api.Answer empty = api.post("/token", new byte[0]);
        assertEquals(422, empty.status(), empty::toString);
        assertEquals(both, empty.body());

        Api.Answer untyped = api.post("/token", "username=johndoe&password=secret".getBytes(StandardCharsets.UTF_8));
        assertEquals(422, untyped.status(), untyped::toString);
        assertEquals(both, untyped.body());
    }

    @Test
    void anUnknownGrantTypeIsAPatternMismatch() {
        // refresh_token, client_credentials and authorization_code are grants of their own (TokenLifecycleIT,
        // TokenServiceIT, AuthorizationCodeIT); the device grant is one this server does not have
        Api.Answer answer = login(Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code", "username", "johndoe",
                "password", "secret"));

        assertEquals(422, answer.status(), answer::toString);
        assertEquals("{\"detail\":[{\"type\":\"string_pattern_mismatch\",\"loc\":[\"body\",\"grant_type\"],"
                + "\"msg\":\"String should match pattern '^password$'\",\"input\":\"urn:ietf:params:oauth:grant-type:device_code\","
                + "\"ctx\":{\"pattern\":\"^password$\"}}]}", answer.body());
    }

    @Test
    void aCorruptStoredHashFailsLikeAWrongPassword() throws Exception {
        TestDatabase.insertUser("corrupt-hash", "$2b$12$this-is-not-a-bcrypt-hash");

        Api.Answer answer = login(Map.of("username", "corrupt-hash", "password", "secret"));

        assertEquals(401, answer.status(), answer::toString);
        assertEquals(BAD_CREDENTIALS, answer.body());
    }

    @Test
    void anOverLongPasswordFailsLikeAWrongOneEvenWithTheRightPrefix() throws Exception {
        String prefix = "p".repeat(72);
        TestDatabase.insertUser("long-password", org.mindrot.jbcrypt.BCrypt.hashpw(prefix, org.mindrot.jbcrypt.BCrypt.gensalt(4)));
        assertEquals(200, login(Map.of("username", "long-password", "password", prefix)).status());

        Api.Answer answer = login(Map.of("username", "long-password", "password", prefix + "-and-more"));

        assertEquals(401, answer.status(), answer::toString);
        assertEquals(BAD_CREDENTIALS, answer.body());
    }

    @Test
    void tenFailuresThrottleTheUsernameFromThatAddressUntilTheDelayPasses() throws Exception {
        for (int i = 0; i < 10; i++) {
            Api.Answer failure = login(Map.of("username", "throttled-user", "password", "wrong-" + i),
                    "X-Forwarded-For", "198.51.100.10");
            assertEquals(401, failure.status(), failure::toString);
        }

        Api.Answer throttled = login(Map.of("username", "throttled-user", "password", "janes-password"),
                "X-Forwarded-For", "198.51.100.10");
        assertEquals(429, throttled.status(), throttled::toString);
        assertEquals("{\"detail\":\"Too many failed login attempts\"}", throttled.body());
        long retryAfter = Long.parseLong(throttled.header("retry-after"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "a short first delay: " + retryAfter);

        Thread.sleep(retryAfter * 1000 + 200);
        assertEquals(200, login(Map.of("username", "throttled-user", "password", "janes-password"),
                "X-Forwarded-For", "198.51.100.10").status(), "the delay ends by itself");
        assertEquals(401, login(Map.of("username", "throttled-user", "password", "wrong-again"),
                "X-Forwarded-For", "198.51.100.10").status(), "and the success reset the count");
    }

    @Test
    void aRepeatedFieldIs422NeverASilentPick() {
        Api.Answer answer = api.postForm("/token", "username=johndoe&username=alice&password=secret");

        assertEquals(422, answer.status(), answer::toString);
        assertEquals("{\"detail\":[{\"type\":\"repeated_field\",\"loc\":[\"body\",\"username\"],"
                + "\"msg\":\"Field must be sent only once\",\"input\":null}]}", answer.body());
    }

    @Test
    void nulCharactersAre400() {
        Api.Answer answer = api.postForm("/token", "username=johndoe%00&password=secret");

        assertEquals(400, answer.status(), answer::toString);
        assertEquals("{\"detail\":\"Form fields must not contain NUL characters\"}", answer.body());
    }

    @ParameterizedTest
    @ValueSource(longs = {1_000_000, 1_000_000_000})
    void aHugeBodyIsRefusedWith413BeforeItIsSent(long length) throws Exception {
        // Undertow refuses a declared body over its max-post-size (10 MB) itself, with an empty 400,
        // before the application sees the request: outside the application's reach on WildFly
        Assumptions.assumeFalse(Deployments.onWildFly() && length > 10 * 1024 * 1024, "Undertow's own limit");
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", deployment.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + length + "\r\n\r\n"
                    + "username=johndoe&password=").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String response = readUntil(socket.getInputStream(), "}");

            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains("{\"detail\":\"Request body too large\"}"), response);
        }
    }

    /** What the server sent, up to the end marker or the end of the stream. */
    static String readUntil(java.io.InputStream in, String end) throws java.io.IOException {
        StringBuilder text = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            text.append((char) b);
            if (text.indexOf(end) >= 0) {
                break;
            }
        }
        return text.toString();
    }
}
