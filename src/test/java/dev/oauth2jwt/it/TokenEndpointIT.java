package dev.oauth2jwt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.testing.Jwts;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /token on the real server: every answer of the contract, byte for byte where FastAPI fixes it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenEndpointIT {

    static final String BAD_CREDENTIALS = "{\"detail\":\"Incorrect username or password\"}";
    static final String MISSING_USERNAME = "{\"type\":\"missing\",\"loc\":[\"body\",\"username\"],\"msg\":\"Field required\",\"input\":null}";
    static final String MISSING_PASSWORD = "{\"type\":\"missing\",\"loc\":[\"body\",\"password\"],\"msg\":\"Field required\",\"input\":null}";

    @ArquillianResource
    URL deployment;

    Api api;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @BeforeEach
    void client() {
        api = new Api(deployment);
    }

    Api.Answer login(Map<String, String> fields) {
        return api.postForm("/token", Api.form(fields));
    }

    @Test
    void theRightPasswordGetsABearerTokenThatIsNotCached() {
        Api.Answer answer = login(Map.of("username", "johndoe", "password", "secret"));

        assertEquals(200, answer.status(), answer::toString);
        assertTrue(answer.header("content-type").startsWith("application/json"), answer::toString);
        assertEquals("no-store", answer.header("cache-control"));
        assertEquals("no-cache", answer.header("pragma"));
        JsonObject body = answer.json().asJsonObject();
        assertEquals(java.util.List.of("access_token", "token_type", "expires_in"), java.util.List.copyOf(body.keySet()));
        assertEquals("bearer", body.getString("token_type"));
        assertEquals(1800, body.getInt("expires_in"));

        String token = body.getString("access_token");
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", Jwts.part(token, 0));
        JsonObject claims = jakarta.json.Json.createReader(new java.io.StringReader(Jwts.part(token, 1))).readObject();
        assertEquals("johndoe", claims.getString("sub"));
        long now = System.currentTimeMillis() / 1000;
        long exp = claims.getJsonNumber("exp").longValue();
        assertTrue(Math.abs(exp - (now + 1800)) < 60, "exp is 30 minutes from now: " + exp);
    }

    @Test
    void theTokenIsSignedWithTheSecretAsPyJwtWouldSignIt() {
        String token = api.login("johndoe", "secret");

        String[] parts = token.split("\\.");
        String expected = Jwts.hs256(Deployments.JWT_SECRET, Jwts.part(token, 0), Jwts.part(token, 1));
        assertEquals(expected.split("\\.")[2], parts[2]);
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
    void emptyUsernameOrPasswordArePresentAndWrong() {
        for (Api.Answer answer : new Api.Answer[]{
                login(Map.of("username", "", "password", "secret")),
                login(Map.of("username", "johndoe", "password", ""))}) {
            assertEquals(401, answer.status(), answer::toString);
            assertEquals(BAD_CREDENTIALS, answer.body());
        }
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
    void aGrantTypeOtherThanPasswordIsAPatternMismatch() {
        Api.Answer answer = login(Map.of("grant_type", "client_credentials", "username", "johndoe", "password", "secret"));

        assertEquals(422, answer.status(), answer::toString);
        assertEquals("{\"detail\":[{\"type\":\"string_pattern_mismatch\",\"loc\":[\"body\",\"grant_type\"],"
                + "\"msg\":\"String should match pattern '^password$'\",\"input\":\"client_credentials\","
                + "\"ctx\":{\"pattern\":\"^password$\"}}]}", answer.body());
    }

    @Test
    void aCorruptStoredHashFailsLikeAWrongPassword() throws Exception {
        TestDatabase.insertUser("corrupt-hash", "$2b$12$this-is-not-a-bcrypt-hash");

        Api.Answer answer = login(Map.of("username", "corrupt-hash", "password", "secret"));

        assertEquals(401, answer.status(), answer::toString);
        assertEquals(BAD_CREDENTIALS, answer.body());
    }
}
