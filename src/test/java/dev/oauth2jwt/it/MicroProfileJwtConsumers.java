package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.JsonTexts;
import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.CodeFlow;
import dev.oauth2jwt.it.support.Deployments;
import dev.oauth2jwt.it.support.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.oauth2jwt.it.consumer.ConsumerApplication;
import dev.oauth2jwt.it.consumer.WhoAmIResource;
import dev.oauth2jwt.testing.Jws;
import dev.oauth2jwt.testing.Jwts;
import jakarta.json.JsonObject;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.List;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Our tokens checked by an application server's own MicroProfile JWT (Payara's, WildFly's), not
 * by anything of ours: a consumer application ({@link ConsumerApplication}) trusts our key set URL
 * and issuer, and maps the {@code groups} of our tokens to {@code @RolesAllowed}. What a subclass
 * gives: where our service and the consumer answer, and the algorithm.
 */
abstract class MicroProfileJwtConsumers {

    static final String ISSUER = "https://login.example.test";
    static final String AUDIENCE = "reports-api";

    /** Our service. */
    abstract Api service();

    /** The consumer application. */
    abstract Api consumer();

    abstract String algorithm();

    /**
     * What the consumer answers a token whose key it cannot find in our key set (an unknown kid, or
     * an HS256 token): 401, as MicroProfile JWT asks. Each server's answer is pinned, so a change
     * in it is noticed.
     */
    int refusalOfAKeyItCannotFind() {
        return 401;
    }

    /** Whether the service runs with ACCESS_TOKEN_SUBJECT=id. */
    boolean subjectIsTheAccountsId() {
        return false;
    }

    /** What the consumer answers a request without a token for a role-protected resource. */
    int refusalWithoutAToken() {
        return 401;
    }

    /** Our service's configuration for this algorithm: keys made and kept by the server; and more lines. */
    static String[] serviceConfig(String algorithm, String... more) {
        java.util.List<String> config = new java.util.ArrayList<>(List.of("jwt.algorithm=" + algorithm, "jwt.issuer=" + ISSUER,
                "jwt.audience=" + AUDIENCE + ",other-api"));
        config.addAll(List.of(more));
        return config.toArray(String[]::new);
    }

    /**
     * RESTEasy (WildFly) enforces {@code @RolesAllowed} on plain resources only when told to, as
     * WildFly's own MicroProfile JWT quickstart does; Payara ignores the setting.
     */
    static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                <context-param>
                    <param-name>resteasy.role.based.security</param-name>
                    <param-value>true</param-value>
                </context-param>
            </web-app>
            """;

    /** The consumer WAR: two classes and the MicroProfile JWT settings any team would write. */
    static WebArchive consumerWar(String keySetUrl, String algorithm) {
        String config = String.join("\n",
                "mp.jwt.verify.publickey.location=" + keySetUrl,
                "mp.jwt.verify.issuer=" + ISSUER,
                "mp.jwt.verify.publickey.algorithm=" + algorithm,
                "mp.jwt.verify.audiences=" + AUDIENCE,
                "");
        return ShrinkWrap.create(WebArchive.class, "consumer.war")
                .addClasses(ConsumerApplication.class, WhoAmIResource.class)
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties")
                .setWebXML(new StringAsset(WEB_XML));
    }

    Api.Answer whoami(String token) {
        return consumer().get("/whoami", "Authorization", "Bearer " + token);
    }

    String login(String scope) {
        return service().login("johndoe", "secret", scope).getString("access_token");
    }

    @Test
    void ourTokenPassesAndItsGroupsAreTheRoles() {
        String token = login("me items");
        Api.Answer answer = whoami(token);

        assertEquals(200, answer.status(), answer::toString);
        JsonObject who = answer.json().asJsonObject();
        assertEquals("johndoe", who.getString("name"), "named by upn, whether sub is the username or the account's id ("
                + Jwts.part(token, 1) + ")");
        assertEquals(200, service().get("/users/me/", "Authorization", "Bearer " + token).status(), "and our own check takes it");
        String johndoe = service().asAdmin("GET", "/users/johndoe", null).json().asJsonObject().getString("id");
        assertEquals(subjectIsTheAccountsId() ? johndoe : "johndoe", JsonTexts.object(Jwts.part(token, 1)).getString("sub"));
        assertEquals("[\"items\",\"me\"]", who.getJsonArray("groups").toString());
        assertEquals(ISSUER, who.getString("issuer"));
    }

    @Test
    void anIdTokenOfOursIsRefusedThereItsAudienceIsAClient() {
        CodeFlow flow = new CodeFlow(service(), "https://app.example.test/callback");
        CodeFlow.TestClient app = flow.confidentialClient(true, "https://app.example.test/bye");
        JsonObject tokens = flow.tokens(app, flow.user(), "openid me");

        assertEquals(200, whoami(tokens.getString("access_token")).status(), "the same login's access token passes");
        Api.Answer idToken = whoami(tokens.getString("id_token"));
        assertEquals(401, idToken.status(), "not for this API (mp.jwt.verify.audiences), whatever it says: " + idToken);
    }

    @Test
    void withoutTheRoleOurTokenIsForbidden() {
        assertEquals(403, whoami(login("items")).status());
    }

    @Test
    void withoutATokenTheConsumerRefuses() {
        assertEquals(refusalWithoutAToken(), consumer().get("/whoami").status());
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = login("items");
        String[] parts = token.split("\\.");
        String claims = Jwts.part(token, 1).replace("\"groups\":[\"items\"]", "\"groups\":[\"items\",\"me\"]");
        assertNotEquals(Jwts.part(token, 1), claims, "the groups were rewritten");

        assertEquals(401, whoami(parts[0] + "." + Jwts.b64(claims) + "." + parts[2]).status());
    }

    @Test
    void anExpiredTokenOfOurKeyIsRefused() throws Exception {
        String[] key = TestDatabase.activeSigningKey(algorithm());
        PrivateKey ours = Jws.privateKey(algorithm(), key[1]);
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"" + algorithm() + "\",\"typ\":\"JWT\",\"kid\":\"" + key[0] + "\"}";

        String expired = Jws.sign(algorithm(), ours, header, claims(now - 1200, now - 600));
        String valid = Jws.sign(algorithm(), ours, header, claims(now, now + 600));

        assertEquals(401, whoami(expired).status());
        assertEquals(200, whoami(valid).status(), "the same token, not expired: the control case");
    }

    @Test
    void aTokenOfAnotherKeyIsRefusedWhateverItsKid() throws Exception {
        String ourKid = TestDatabase.activeSigningKey(algorithm())[0];
        KeyPair stranger = Jws.strangerKeys(algorithm());
        long now = System.currentTimeMillis() / 1000;

        for (String kid : List.of(ourKid, "stranger")) {
            String header = "{\"alg\":\"" + algorithm() + "\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
            Api.Answer answer = whoami(Jws.sign(algorithm(), stranger.getPrivate(), header, claims(now, now + 600)));
            assertEquals(kid.equals(ourKid) ? 401 : refusalOfAKeyItCannotFind(), answer.status(), () -> kid + ": " + answer);
        }
    }

    @Test
    void anHs256TokenOfTheSharedSecretIsRefused() {
        long now = System.currentTimeMillis() / 1000;
        Api.Answer answer = whoami(Jwts.hs256(Deployments.JWT_SECRET, claims(now, now + 600)));
        assertEquals(refusalOfAKeyItCannotFind(), answer.status(), () -> "our service accepts it beside the key pair; a consumer trusting the key set "
                + "must not: " + answer);
    }

    @Test
    void afterARotationTokensOfTheNewKeyPass() {
        String before = login("me");
        assertEquals(200, whoami(before).status(), "the consumer has read the key set");
        String admin = service().login("admin-user", "janes-password", "me admin").getString("access_token");

        Api.Answer rotation = service().post("/keys/rotate", new byte[0], "Authorization", "Bearer " + admin);
        assertEquals(200, rotation.status(), rotation::toString);

        String after = login("me");
        assertEquals(rotation.json().asJsonObject().getString("kid"), JsonTexts.object(Jwts.part(after, 0)).getString("kid"));
        assertEquals(200, whoami(after).status(), "the new key was published before it signed: no wait for the consumer's cache");
        assertEquals(200, whoami(before).status(), "and the old key's tokens still pass");
    }

    private static String claims(long issuedAt, long expires) {
        return "{\"iss\":\"" + ISSUER + "\",\"sub\":\"johndoe\",\"upn\":\"johndoe\",\"aud\":[\"" + AUDIENCE + "\"],\"groups\":[\"me\"],"
                + "\"iat\":" + issuedAt + ",\"exp\":" + expires + ",\"jti\":\"" + java.util.UUID.randomUUID() + "\"}";
    }
}
