package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.CodeFlow;
import dev.oauth2jwt.it.support.JsonTexts;
import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.Deployments;
import dev.oauth2jwt.it.support.ServerTestBase;
import dev.oauth2jwt.it.support.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.testing.Jws;
import dev.oauth2jwt.testing.Jwts;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The token service in RS256 mode with keys the server makes itself: the key set and metadata
 * standard consumers read, the audience, key rotation, registered clients and their grant,
 * introspection and the reverse proxies' check. Signatures are checked with the JDK alone, from
 * the published key set, never with the server's own verifier.
 */
class TokenServiceIT extends ServerTestBase {

    static final String ISSUER = "https://login.example.test";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("jwt.algorithm=RS256", "jwt.issuer=" + ISSUER, "jwt.audience=reports-api,other-api");
    }

    // --- the key set and the metadata ---------------------------------------------------------------

    @Test
    void theKeySetPublishesPublicRsaKeysAndNothingPrivate() {
        Api.Answer answer = api.get("/.well-known/jwks.json");

        assertEquals(200, answer.status());
        assertTrue(answer.header("content-type").startsWith("application/json"), answer::toString);
        assertTrue(answer.header("cache-control").contains("max-age=300"), answer::toString);
        List<JsonObject> keys = answer.json().asJsonObject().getJsonArray("keys").getValuesAs(JsonObject.class);
        List<JsonObject> rsa = keys.stream().filter(key -> "RS256".equals(key.getString("alg"))).toList();
        assertTrue(rsa.size() >= 2, "the signing key and the next one, published before it signs: " + keys);
        for (JsonObject key : keys) {
            // keys of another algorithm (a suite's other classes share the database) are published while their tokens live
            assertEquals(Map.of("RS256", "RSA", "ES256", "EC").get(key.getString("alg")), key.getString("kty"), key::toString);
            assertEquals("sig", key.getString("use"));
            assertFalse(key.getString("kid").isBlank());
            for (String secretPart : List.of("d", "p", "q", "dp", "dq", "qi")) {
                assertFalse(key.containsKey(secretPart), "private parameter " + secretPart + " published: " + key);
            }
        }
        for (JsonObject key : rsa) {
            assertTrue(((RSAPublicKey) Jws.publicKey(key)).getModulus().bitLength() >= 2048);
        }
        assertEquals(keys.size(), keys.stream().map(key -> key.getString("kid")).distinct().count(), "kids are unique");
    }

    @Test
    void aTokenIsSignedWithAPublishedKeyAndCarriesIssuerAudienceAndGroups() {
        String token = api.login("johndoe", "secret", "me items").getString("access_token");

        JsonObject header = JsonTexts.object(Jwts.part(token, 0));
        assertEquals("RS256", header.getString("alg"));
        assertEquals("JWT", header.getString("typ"), "MicroProfile JWT verifiers require typ JWT");
        assertTrue(Jws.verifies(token, "RS256", publishedKey(header.getString("kid"))), "JDK signature check with the JWKS key");
        for (JsonObject other : keys()) {
            if (!other.getString("kid").equals(header.getString("kid"))) {
                assertFalse(Jws.verifies(token, "RS256", Jws.publicKey(other)), "only the named key verifies it");
            }
        }

        JsonObject claims = JsonTexts.object(Jwts.part(token, 1));
        assertEquals(ISSUER, claims.getString("iss"));
        assertEquals(List.of("reports-api", "other-api"), JsonTexts.strings(claims.getJsonArray("aud")));
        assertEquals("johndoe", claims.getString("sub"));
        assertEquals("johndoe", claims.getString("upn"));
        assertEquals(Set.of("me", "items"), Set.copyOf(JsonTexts.strings(claims.getJsonArray("groups"))));
        assertTrue(claims.containsKey("exp") && claims.containsKey("iat") && claims.containsKey("jti"), claims::toString);
        assertEquals(200, me(token).status());
    }

    @Test
    void bothMetadataDocumentsNameTheEndpointsUnderTheIssuer() {
        Api.Answer oauth = api.get("/.well-known/oauth-authorization-server");
        Api.Answer openid = api.get("/.well-known/openid-configuration");

        assertEquals(200, oauth.status());
        assertEquals(oauth.body(), openid.body());
        assertTrue(oauth.header("cache-control").contains("max-age=3600"), oauth::toString);
        JsonObject metadata = oauth.json().asJsonObject();
        assertEquals(ISSUER, metadata.getString("issuer"));
        assertEquals(ISSUER + "/token", metadata.getString("token_endpoint"));
        assertEquals(ISSUER + "/.well-known/jwks.json", metadata.getString("jwks_uri"));
        assertEquals(ISSUER + "/revoke", metadata.getString("revocation_endpoint"));
        assertEquals(ISSUER + "/introspect", metadata.getString("introspection_endpoint"));
        assertEquals(Set.of("password", "refresh_token", "client_credentials", "authorization_code"),
                Set.copyOf(JsonTexts.strings(metadata.getJsonArray("grant_types_supported"))));
        assertTrue(JsonTexts.strings(metadata.getJsonArray("scopes_supported")).containsAll(List.of("me", "items", "admin")));
        assertTrue(JsonTexts.strings(metadata.getJsonArray("token_endpoint_auth_methods_supported"))
                .containsAll(List.of("client_secret_basic", "client_secret_post")));
        assertEquals(JsonValue.ValueType.ARRAY, metadata.get("response_types_supported").getValueType());
        assertEquals(List.of("RS256"), JsonTexts.strings(metadata.getJsonArray("id_token_signing_alg_values_supported")));
        assertEquals(List.of("public"), JsonTexts.strings(metadata.getJsonArray("subject_types_supported")));
    }

    // --- what the server accepts ----------------------------------------------------------------------

    @Test
    void withAnAudienceSetATokenMustNameOneOfOurs() throws Exception {
        String[] key = TestDatabase.activeSigningKey("RS256");
        PrivateKey ours = Jws.privateKey("RS256", key[1]);
        long exp = JsonTexts.nowSeconds() + 600;
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + key[0] + "\"}";

        String forAnother = Jws.sign("RS256", ours, header, "{\"sub\":\"johndoe\",\"exp\":" + exp + ",\"iss\":\"" + ISSUER
                + "\",\"aud\":\"somebody-else\"}");
        String forNobody = Jws.sign("RS256", ours, header, "{\"sub\":\"johndoe\",\"exp\":" + exp + ",\"iss\":\"" + ISSUER + "\"}");
        String forOneOfOurs = Jws.sign("RS256", ours, header, "{\"sub\":\"johndoe\",\"exp\":" + exp + ",\"iss\":\"" + ISSUER
                + "\",\"aud\":[\"somebody-else\",\"other-api\"]}");

        assertEquals(401, me(forAnother).status());
        assertEquals(401, me(forNobody).status());
        assertEquals(200, me(forOneOfOurs).status(), "the server's own key, one of our audiences: the control case");
    }

    @Test
    void theAlgorithmIsPinnedToTheKey() throws Exception {
        JsonObject published = keys().get(0);
        String kid = published.getString("kid");
        long exp = JsonTexts.nowSeconds() + 600;
        String claims = "{\"sub\":\"johndoe\",\"exp\":" + exp + ",\"iss\":\"" + ISSUER + "\",\"aud\":\"reports-api\"}";

        // the classic confusion: the public key, which everyone has, used as an HMAC secret
        String publicKeyAsSecret = Base64.getEncoder().encodeToString(publishedKey(kid).getEncoded());
        String hs256 = Jwts.hs256(publicKeyAsSecret, "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}", claims);
        String unsigned = Jwts.b64("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}") + "." + Jwts.b64(claims) + ".";
        KeyPair stranger = Jws.strangerKeys("RS256");
        String strangerWithOurKid = Jws.sign("RS256", stranger.getPrivate(), "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}", claims);
        String strangerWithOwnKid = Jws.sign("RS256", stranger.getPrivate(), "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"stranger\"}", claims);
        String strangerWithoutKid = Jws.sign("RS256", stranger.getPrivate(), "{\"alg\":\"RS256\",\"typ\":\"JWT\"}", claims);

        for (String forged : List.of(hs256, unsigned, strangerWithOurKid, strangerWithOwnKid, strangerWithoutKid)) {
            assertEquals(401, me(forged).status(), () -> "accepted: " + Jwts.part(forged, 0));
        }
    }

    @Test
    void rotationSignsWithTheKeyPublishedBeforeAndKeepsTheOldOnePublished() {
        String before = api.login("johndoe", "secret");
        String oldKid = JsonTexts.object(Jwts.part(before, 0)).getString("kid");
        Set<String> publishedBefore = kids();

        Api.Answer rotation = api.post("/keys/rotate", new byte[0], "Authorization", "Bearer " + adminToken());

        assertEquals(200, rotation.status(), rotation::toString);
        String newKid = rotation.json().asJsonObject().getString("kid");
        assertNotEquals(oldKid, newKid);
        assertTrue(publishedBefore.contains(newKid), "the new signing key was published before it signed");
        String after = api.login("johndoe", "secret");
        assertEquals(newKid, JsonTexts.object(Jwts.part(after, 0)).getString("kid"));
        assertTrue(Jws.verifies(after, "RS256", publishedKey(newKid)));
        Set<String> publishedAfter = kids();
        assertTrue(publishedAfter.containsAll(Set.of(oldKid, newKid)), publishedAfter::toString);
        assertTrue(publishedAfter.size() > publishedBefore.size() - 1 && !publishedBefore.containsAll(publishedAfter),
                "a new next key is published: " + publishedBefore + " -> " + publishedAfter);
        assertEquals(200, me(before).status(), "tokens of the old key work until they expire");
        assertEquals(200, me(after).status());
    }

    @Test
    void onlyAnAdminRotatesKeys() {
        assertEquals(401, api.post("/keys/rotate", new byte[0]).status());
        Api.Answer notAdmin = api.post("/keys/rotate", new byte[0], "Authorization", "Bearer " + api.login("johndoe", "secret"));
        assertEquals(401, notAdmin.status(), "FastAPI's answer to a missing scope");
        assertEquals("{\"detail\":\"Not enough permissions\"}", notAdmin.body());
    }

    // --- clients --------------------------------------------------------------------------------------

    @Test
    void aClientIsCreatedWithASecretShownOnceThenReadListedUpdatedAndDeleted() {
        String id = CodeFlow.clientId("crud");
        Api.Answer created = admin("POST", "/clients", "{\"client_id\":\"" + id + "\",\"scopes\":[\"me\"],\"grant_types\":[\"client_credentials\"]}");

        assertEquals(201, created.status(), created::toString);
        assertTrue(created.header("location").endsWith("/clients/" + id), created::toString);
        JsonObject body = created.json().asJsonObject();
        assertEquals(id, body.getString("client_id"));
        assertTrue(body.getString("client_secret").length() >= 43, "256 random bits");
        assertEquals(List.of("me"), JsonTexts.strings(body.getJsonArray("scopes")));
        assertEquals(List.of("client_credentials"), JsonTexts.strings(body.getJsonArray("grant_types")));

        Api.Answer read = admin("GET", "/clients/" + id, null);
        assertEquals(200, read.status());
        assertFalse(read.body().contains("secret"), "shown once: " + read.body());
        assertTrue(admin("GET", "/clients?limit=100", null).body().contains("\"client_id\":\"" + id + "\""));

        Api.Answer updated = admin("PATCH", "/clients/" + id, "{\"scopes\":[\"me\",\"items\"]}");
        assertEquals(200, updated.status(), updated::toString);
        assertEquals(Set.of("me", "items"), Set.copyOf(JsonTexts.strings(updated.json().asJsonObject().getJsonArray("scopes"))));
        assertEquals(List.of("client_credentials"), JsonTexts.strings(updated.json().asJsonObject().getJsonArray("grant_types")));

        assertEquals(204, admin("DELETE", "/clients/" + id, null).status());
        assertEquals(404, admin("GET", "/clients/" + id, null).status());
        assertEquals(404, admin("DELETE", "/clients/" + id, null).status());
    }

    @Test
    void badClientRegistrationsAre422Or409AndChangeNothing() {
        String id = CodeFlow.clientId("taken");
        assertEquals(201, admin("POST", "/clients", "{\"client_id\":\"" + id + "\"}").status());
        Api.Answer again = admin("POST", "/clients", "{\"client_id\":\"" + id + "\",\"scopes\":[\"admin\"]}");
        assertEquals(409, again.status());
        assertEquals("{\"detail\":\"Client already exists\"}", again.body());
        assertEquals(List.of(), JsonTexts.strings(admin("GET", "/clients/" + id, null).json().asJsonObject().getJsonArray("scopes")));

        for (String bad : List.of("{\"client_id\":\"has space\"}", "{\"client_id\":\"..\"}", "{\"client_id\":\"" + "x".repeat(65) + "\"}",
                "{}", "{\"client_id\":\"" + CodeFlow.clientId("scope") + "\",\"scopes\":[\"root\"]}",
                "{\"client_id\":\"" + CodeFlow.clientId("grant") + "\",\"grant_types\":[\"password\"]}",
                "{\"client_id\":\"" + CodeFlow.clientId("nogrant") + "\",\"grant_types\":[]}",
                "{\"client_id\":\"" + CodeFlow.clientId("extra") + "\",\"client_secret\":\"chosen-by-me\"}",
                "{\"client_id\":42}", "[]", "not json")) {
            Api.Answer answer = admin("POST", "/clients", bad);
            assertEquals(422, answer.status(), () -> bad + " -> " + answer);
            assertTrue(answer.body().startsWith("{\"detail\":["), answer::toString);
        }
        assertEquals(422, admin("PATCH", "/clients/" + id, "{\"scopes\":[\"root\"]}").status());
        assertEquals(404, admin("PATCH", "/clients/" + CodeFlow.clientId("missing"), "{\"scopes\":[\"me\"]}").status());
    }

    @Test
    void onlyAnAdminManagesClients() {
        assertEquals(401, api.get("/clients").status());
        String user = "Bearer " + api.login("johndoe", "secret");
        assertEquals(401, api.get("/clients", "Authorization", user).status());
        assertEquals(401, api.postJson("/clients", "{\"client_id\":\"" + CodeFlow.clientId("sneaky") + "\"}", "Authorization", user).status());
    }

    @Test
    void aClientGetsATokenForItselfWithBasicAuthentication() {
        Registered client = register("basic", "me", "items");

        Api.Answer answer = api.postForm("/token", "grant_type=client_credentials&scope=items",
                "Authorization", CodeFlow.basic(client.id(), client.secret()));

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("no-store", answer.header("cache-control"));
        JsonObject body = answer.json().asJsonObject();
        assertEquals("bearer", body.getString("token_type"));
        assertFalse(body.containsKey("refresh_token"), "RFC 6749 4.4.3: no refresh token");
        String token = body.getString("access_token");
        JsonObject claims = JsonTexts.object(Jwts.part(token, 1));
        assertEquals(client.id(), claims.getString("sub"));
        assertEquals(client.id(), claims.getString("client_id"));
        assertEquals("items", claims.getString("scope"));
        assertEquals(List.of("items"), JsonTexts.strings(claims.getJsonArray("groups")));
        assertTrue(Jws.verifies(token, "RS256", publishedKey(JsonTexts.object(Jwts.part(token, 0)).getString("kid"))));

        Api.Answer verified = api.get("/auth/verify", "Authorization", "Bearer " + token);
        assertEquals(200, verified.status());
        assertEquals(client.id(), verified.header("x-auth-client"), "a client, named as one");
        assertNull(verified.header("x-auth-user"), "never as a user: a user of the same name would be impersonated");
        assertEquals(401, me(token).status(), "a client is no user: /users/me/ is not for it");
    }

    @Test
    void aClientMayAuthenticateWithFormFieldsAndGetsAllItsScopesWhenItAsksForNone() {
        Registered client = register("post", "me", "items");

        Api.Answer answer = api.postForm("/token", Api.form(Map.of("grant_type", "client_credentials",
                "client_id", client.id(), "client_secret", client.secret())));

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(Set.of("me", "items"), Set.of(JsonTexts.object(Jwts.part(answer.json().asJsonObject().getString("access_token"), 1))
                .getString("scope").split(" ")));
    }

    @Test
    void badClientCredentialsAreInvalidClientWithABasicChallenge() {
        Registered client = register("wrong", "me");
        String address = "198.51.100." + (10 + (int) (Math.random() * 200));

        for (Api.Answer answer : List.of(
                clientCredentials(CodeFlow.basic(client.id(), client.secret() + "x"), address),
                clientCredentials(CodeFlow.basic(CodeFlow.clientId("unknown"), client.secret()), address),
                api.postForm("/token", "grant_type=client_credentials", "X-Forwarded-For", address),
                api.postForm("/token", "grant_type=client_credentials&client_id=" + client.id() + "&client_secret=nope",
                        "X-Forwarded-For", address))) {
            assertEquals(401, answer.status(), answer::toString);
            assertEquals("{\"error\":\"invalid_client\"}", answer.body());
            assertEquals("Basic realm=\"oauth2-jwt\"", answer.header("www-authenticate"));
        }
        Api.Answer both = api.postForm("/token", "grant_type=client_credentials&client_id=" + client.id() + "&client_secret="
                + client.secret(), "Authorization", CodeFlow.basic(client.id(), client.secret()));
        assertEquals(400, both.status(), "RFC 6749 2.3: one method only");
        assertEquals("{\"error\":\"invalid_request\"}", both.body());
        Api.Answer beyond = api.postForm("/token", "grant_type=client_credentials&scope=admin", "Authorization",
                CodeFlow.basic(client.id(), client.secret()));
        assertEquals(400, beyond.status());
        assertEquals("{\"error\":\"invalid_scope\"}", beyond.body());
    }

    /** The check comes right after the tenth failure: the first block lasts a second, and a 429 is answered a second late. */
    @Test
    void failedClientAuthenticationsAreThrottledLikeFailedLogins() {
        Registered client = register("guessed", "me");
        String attacker = "203.0.113.77";
        for (int i = 0; i < 10; i++) {
            assertEquals(401, clientCredentials(CodeFlow.basic(client.id(), "guess-" + i), attacker).status());
        }

        Api.Answer throttled = clientCredentials(CodeFlow.basic(client.id(), client.secret()), attacker);
        assertEquals(429, throttled.status(), "not even the right secret from there: " + throttled);
        assertEquals("{\"detail\":\"Too many failed login attempts\"}", throttled.body());
        assertTrue(Long.parseLong(throttled.header("retry-after")) >= 1);
        assertEquals(200, clientCredentials(CodeFlow.basic(client.id(), client.secret()), "203.0.113.78").status(),
                "the client itself, from its own address, is not locked out");
    }

    @Test
    void aNewSecretOrDeletionEndsTheClientsTokensAtOnce() {
        Registered client = register("rotated", "me");
        String before = clientToken(client);
        assertEquals(200, verify(before).status());

        Api.Answer rotated = admin("POST", "/clients/" + client.id() + "/secret", null);
        assertEquals(200, rotated.status(), rotated::toString);
        String newSecret = rotated.json().asJsonObject().getString("client_secret");
        assertNotEquals(client.secret(), newSecret);

        assertEquals(401, verify(before).status(), "a token of the old secret");
        assertEquals(401, clientCredentials(CodeFlow.basic(client.id(), client.secret()), null).status());
        String after = clientToken(new Registered(client.id(), newSecret));
        assertEquals(200, verify(after).status(), "a token of the new secret works at once, not a second later");

        assertEquals(204, admin("DELETE", "/clients/" + client.id(), null).status());
        assertEquals(401, verify(after).status());
        assertEquals(401, clientCredentials(CodeFlow.basic(client.id(), newSecret), null).status());
    }

    @Test
    void theClientsScopesNowBoundWhatItsTokensGrant() {
        Registered client = register("narrowed", "me", "items");
        String token = clientToken(client);
        assertEquals(200, api.get("/auth/verify?scope=items", "Authorization", "Bearer " + token).status());

        assertEquals(200, admin("PATCH", "/clients/" + client.id(), "{\"scopes\":[\"me\"]}").status());

        assertEquals(403, api.get("/auth/verify?scope=items", "Authorization", "Bearer " + token).status());
        assertEquals(200, api.get("/auth/verify?scope=me", "Authorization", "Bearer " + token).status());
    }

    // --- introspection --------------------------------------------------------------------------------

    @Test
    void introspectionTellsAnActiveAccessTokensClaims() {
        Registered client = register("introspector");
        var login = api.login("johndoe", "secret", "me items");
        String token = login.getString("access_token");

        Api.Answer answer = introspect(client, token);

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("no-store", answer.header("cache-control"));
        JsonObject result = answer.json().asJsonObject();
        JsonObject claims = JsonTexts.object(Jwts.part(token, 1));
        assertTrue(result.getBoolean("active"));
        assertEquals(admin("GET", "/users/johndoe", null).json().asJsonObject().getString("id"), result.getString("sub"),
                "the account's identifier, as in ID tokens");
        assertEquals("johndoe", result.getString("username"));
        assertEquals(Set.of("me", "items"), Set.of(result.getString("scope").split(" ")));
        assertEquals(claims.getJsonNumber("exp").longValue(), result.getJsonNumber("exp").longValue());
        assertEquals(claims.getJsonNumber("iat").longValue(), result.getJsonNumber("iat").longValue());
        assertEquals(ISSUER, result.getString("iss"));
        assertEquals(claims.getString("jti"), result.getString("jti"));
        assertEquals("Bearer", result.getString("token_type"));
        assertEquals(List.of("reports-api", "other-api"), JsonTexts.strings(result.getJsonArray("aud")));

        assertEquals("{\"active\":false}", introspect(client, login.getString("refresh_token")).body(),
                "a refresh token is active only to the client it was issued to; a password login's, to none");

        JsonObject ownToken = introspect(client, clientToken(client)).json().asJsonObject();
        assertTrue(ownToken.getBoolean("active"));
        assertEquals(client.id(), ownToken.getString("client_id"));
        assertFalse(ownToken.containsKey("username"));
    }

    @Test
    void anythingButAValidTokenIsInactiveAndSaysNothingMore() throws Exception {
        Registered client = register("skeptic");
        String[] key = TestDatabase.activeSigningKey("RS256");
        String expired = Jws.sign("RS256", Jws.privateKey("RS256", key[1]), "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + key[0] + "\"}",
                "{\"sub\":\"johndoe\",\"exp\":" + (JsonTexts.nowSeconds() - 120) + ",\"iss\":\"" + ISSUER + "\",\"aud\":\"reports-api\"}");
        String user = CodeFlow.clientId("introspected");
        assertEquals(201, admin("POST", "/users", "{\"username\":\"" + user + "\",\"password\":\"its-password\"}").status());
        var login = api.login(user, "its-password", "me");
        String loggedOut = login.getString("access_token");
        String spentRefresh = login.getString("refresh_token");
        assertTrue(introspect(client, loggedOut).json().asJsonObject().getBoolean("active"), "active before the logout");
        assertEquals(204, api.postForm("/logout", "", "Authorization", "Bearer " + loggedOut).status());

        for (String token : List.of("garbage", "", "a.b.c", expired, loggedOut, spentRefresh,
                Jwts.hs256("a-secret-nobody-configured-0123456789", "{\"sub\":\"johndoe\",\"exp\":" + (JsonTexts.nowSeconds() + 600) + "}"))) {
            Api.Answer answer = introspect(client, token);
            if (token.isEmpty()) {
                assertEquals(400, answer.status(), "no token at all");
                continue;
            }
            assertEquals(200, answer.status(), answer::toString);
            assertEquals("{\"active\":false}", answer.body(), () -> "for " + token);
        }
    }

    @Test
    void introspectionNeedsAClient() {
        String token = api.login("johndoe", "secret");
        Registered client = register("caller");

        for (Api.Answer answer : List.of(api.postForm("/introspect", "token=" + token),
                api.postForm("/introspect", "token=" + token, "Authorization", CodeFlow.basic(client.id(), "wrong")),
                api.postForm("/introspect", "token=" + token, "Authorization", "Bearer " + token))) {
            assertEquals(401, answer.status(), answer::toString);
            assertEquals("{\"error\":\"invalid_client\"}", answer.body());
            assertEquals("Basic realm=\"oauth2-jwt\"", answer.header("www-authenticate"));
        }
        Api.Answer post = api.postForm("/introspect", Api.form(Map.of("token", token, "client_id", client.id(),
                "client_secret", client.secret())));
        assertEquals(200, post.status(), "client_secret_post too");
        assertTrue(post.json().asJsonObject().getBoolean("active"));
    }

    // --- the reverse proxies' check -------------------------------------------------------------------

    @Test
    void authVerifyAnswersForAProxy() {
        String token = api.login("johndoe", "secret", "me items").getString("access_token");

        Api.Answer ok = verify(token);
        assertEquals(200, ok.status());
        assertEquals("johndoe", ok.header("x-auth-user"));
        assertEquals(Set.of("me", "items"), Set.of(ok.header("x-auth-scopes").split(" ")));
        assertEquals(200, api.get("/auth/verify?scope=me%20items", "Authorization", "Bearer " + token).status());

        Api.Answer none = api.get("/auth/verify");
        assertEquals(401, none.status());
        assertEquals("Bearer", none.header("www-authenticate"));
        assertEquals("{\"detail\":\"Not authenticated\"}", none.body());
        Api.Answer bad = verify(token.substring(0, token.length() - 4) + "AAAA");
        assertEquals(401, bad.status());
        assertEquals("{\"detail\":\"Could not validate credentials\"}", bad.body());
        Api.Answer scope = api.get("/auth/verify?scope=admin", "Authorization", "Bearer " + token);
        assertEquals(403, scope.status());
        assertEquals("{\"detail\":\"Not enough permissions\"}", scope.body());
        assertEquals("Bearer scope=\"admin\"", scope.header("www-authenticate"));
        assertEquals(403, verify(api.login("alice", "secretalice", "me").getString("access_token")).status(), "a disabled user");
        assertNull(scope.header("x-auth-user"));
    }

    // --- helpers --------------------------------------------------------------------------------------

    record Registered(String id, String secret) {
    }

    Registered register(String name, String... scopes) {
        String id = CodeFlow.clientId(name);
        String scopeList = java.util.Arrays.stream(scopes).map(scope -> "\"" + scope + "\"").collect(Collectors.joining(","));
        Api.Answer created = admin("POST", "/clients", "{\"client_id\":\"" + id + "\",\"scopes\":[" + scopeList + "]}");
        assertEquals(201, created.status(), created::toString);
        return new Registered(id, created.json().asJsonObject().getString("client_secret"));
    }

    String clientToken(Registered client) {
        Api.Answer answer = clientCredentials(CodeFlow.basic(client.id(), client.secret()), null);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json().asJsonObject().getString("access_token");
    }

    Api.Answer clientCredentials(String authorization, String address) {
        return address == null
                ? api.postForm("/token", "grant_type=client_credentials", "Authorization", authorization)
                : api.postForm("/token", "grant_type=client_credentials", "Authorization", authorization, "X-Forwarded-For", address);
    }

    Api.Answer introspect(Registered client, String token) {
        return api.postForm("/introspect", Api.form(Map.of("token", token)), "Authorization", CodeFlow.basic(client.id(), client.secret()));
    }

    Api.Answer verify(String token) {
        return api.get("/auth/verify", "Authorization", "Bearer " + token);
    }

    Api.Answer me(String token) {
        return api.get("/users/me/", "Authorization", "Bearer " + token);
    }

    Api.Answer admin(String method, String path, String json) {
        return api.asAdmin(method, path, json);
    }

    String adminToken() {
        return api.adminToken();
    }

    List<JsonObject> keys() {
        return api.get("/.well-known/jwks.json").json().asJsonObject().getJsonArray("keys").getValuesAs(JsonObject.class);
    }

    Set<String> kids() {
        return keys().stream().map(key -> key.getString("kid")).collect(Collectors.toSet());
    }

    PublicKey publishedKey(String kid) {
        return keys().stream().filter(key -> key.getString("kid").equals(kid)).findFirst().map(Jws::publicKey)
                .orElseThrow(() -> new AssertionError("kid " + kid + " is not published"));
    }

}
