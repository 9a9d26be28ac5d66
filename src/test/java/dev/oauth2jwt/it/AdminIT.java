package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.DefaultServerTest;
import dev.oauth2jwt.it.support.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API on the real server, as an admin would use it with curl. */
class AdminIT extends DefaultServerTest {

    String admin;

    @BeforeEach
    void loginAsAdmin() {
        admin = "Bearer " + api.login("admin-user", "janes-password", "me admin").getString("access_token");
    }

    Api.Answer create(String json) {
        return api.postJson("/users", json, "Authorization", admin);
    }

    /** The account's identifier, a random UUID, replaced by {@code <uuid>}: the rest of the record compares exactly. */
    static String withoutId(String record) {
        return record.replaceFirst("\"id\":\"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\"", "\"id\":\"<uuid>\"");
    }

    @Test
    void createsAUserWhoCanThenLogIn() throws Exception {
        Api.Answer created = create("{\"username\":\"carol\",\"password\":\"carols-password\",\"email\":\"carol@example.com\","
                + "\"full_name\":\"Carol C\",\"scopes\":[\"me\"]}");

        assertEquals(201, created.status(), created::toString);
        assertTrue(created.header("location").endsWith("/users/carol"), created.header("location"));
        assertEquals("{\"username\":\"carol\",\"id\":\"<uuid>\",\"email\":\"carol@example.com\",\"email_verified\":false,"
                + "\"full_name\":\"Carol C\",\"disabled\":false,\"scopes\":[\"me\"],\"source\":\"local\",\"mfa\":false}", withoutId(created.body()));
        assertTrue(TestDatabase.hashOf("carol").startsWith("$2a$12$"), "hashed at the configured cost");
        assertEquals("me", api.login("carol", "carols-password", "").getString("scope"));
    }

    @Test
    void importsAnExistingHash() {
        Api.Answer created = create("{\"username\":\"imported\",\"hashed_password\":"
                + "\"$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW\"}");

        assertEquals(201, created.status(), created::toString);
        assertEquals(200, api.postForm("/token", "username=imported&password=secret").status());
    }

    @Test
    void anExistingUsernameIs409() {
        Api.Answer answer = create("{\"username\":\"johndoe\",\"password\":\"another-password\"}");

        assertEquals(409, answer.status());
        assertEquals("{\"detail\":\"User already exists\"}", answer.body());
    }

    @Test
    void badFieldsAre422InFastApisShape() {
        Api.Answer answer = create("{\"username\":\"bad name!\",\"password\":\"short\",\"email\":\"nope\"}");

        assertEquals(422, answer.status(), answer::toString);
        assertEquals("{\"detail\":[{\"type\":\"string_pattern_mismatch\",\"loc\":[\"body\",\"username\"],"
                + "\"msg\":\"String should match pattern '^[A-Za-z0-9._@-]{1,64}$'\",\"input\":\"bad name!\","
                + "\"ctx\":{\"pattern\":\"^[A-Za-z0-9._@-]{1,64}$\"}},"
                + "{\"type\":\"value_error\",\"loc\":[\"body\",\"password\"],\"msg\":\"Value error, the password must be at least 8 bytes long\","
                + "\"input\":null,\"ctx\":{\"error\":\"the password must be at least 8 bytes long\"}},"
                + "{\"type\":\"value_error\",\"loc\":[\"body\",\"email\"],\"msg\":\"value is not a valid email address\",\"input\":\"nope\"}]}",
                answer.body());
    }

    @Test
    void aPasswordOver72BytesIs422WithAClearMessage() {
        Api.Answer answer = create("{\"username\":\"longpw\",\"password\":\"" + "p".repeat(73) + "\"}");

        assertEquals(422, answer.status());
        assertTrue(answer.body().contains("The password is longer than 72 bytes in UTF-8; bcrypt would ignore the rest"), answer.body());
    }

    @Test
    void namesAPathNormaliserWouldChangeAre422() {
        for (String name : new String[]{".", ".."}) {
            Api.Answer answer = create("{\"username\":\"" + name + "\",\"password\":\"dots-password\"}");

            assertEquals(422, answer.status(), answer::toString);
            assertEquals("{\"detail\":[{\"type\":\"value_error\",\"loc\":[\"body\",\"username\"],\"msg\":\"Value error, '" + name
                    + "' is not a username: a URL path cannot name it\",\"input\":\"" + name + "\",\"ctx\":{\"error\":\"'" + name
                    + "' is not a username: a URL path cannot name it\"}}]}", answer.body());
        }
        assertEquals(200, api.get("/users?limit=200", "Authorization", admin).status());
    }

    @Test
    void importedHashesMustNotPinAHashingSlotNorBeTooWeak() {
        Api.Answer costly = create("{\"username\":\"costly\",\"hashed_password\":"
                + "\"$2b$15$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW\"}");
        assertEquals(422, costly.status(), costly::toString);
        assertTrue(costly.body().contains("\"loc\":[\"body\",\"hashed_password\"],\"msg\":\"Value error, hashed_password has "
                + "bcrypt cost 15, outside the accepted 4 to 14 (BCRYPT_COST + 2)\""), costly.body());

        Api.Answer weak = create("{\"username\":\"weak\",\"hashed_password\":"
                + "\"pbkdf2_sha256$1$salt$zy1oTMNzIztg8jMVVqpHyzWr464Z58RhOAdpV3tSOiI=\"}");
        assertEquals(422, weak.status(), weak::toString);
        assertTrue(weak.body().contains("hashed_password has 1 PBKDF2 iterations, outside the accepted 1000 to 2000000"), weak.body());

        assertEquals(404, api.get("/users/costly", "Authorization", admin).status(), "nothing was created");
        assertEquals(201, create("{\"username\":\"costly-enough\",\"hashed_password\":"
                + "\"$2a$14$7R0zR61ME0ae4Z0tK4noY.AGEj9Vq4HR9X/.appfANgfONDZoW13a\"}").status(), "cost 14 is within");
    }

    @Test
    void badJsonAndOtherBodiesAreRefusedClearly() {
        Api.Answer broken = create("{\"username\":");
        assertEquals(422, broken.status());
        assertTrue(broken.body().startsWith("{\"detail\":[{\"type\":\"json_invalid\",\"loc\":[\"body\","), broken.body());

        Api.Answer array = create("[1,2]");
        assertEquals(422, array.status());
        assertTrue(array.body().contains("model_attributes_type"), array.body());

        Api.Answer form = api.postForm("/users", "username=x&password=yyyyyyyy", "Authorization", admin);
        assertEquals(415, form.status());
        assertEquals("{\"detail\":\"Unsupported Media Type\"}", form.body());
    }

    @Test
    void readsOneUserAndPages() {
        Api.Answer john = api.get("/users/johndoe", "Authorization", admin);
        assertEquals("{\"username\":\"johndoe\",\"id\":\"<uuid>\",\"email\":\"johndoe@example.com\",\"email_verified\":false,"
                + "\"full_name\":\"John Doe\",\"disabled\":false,\"scopes\":[\"me\",\"items\"],\"source\":\"local\",\"mfa\":false}", withoutId(john.body()));
        assertEquals(404, api.get("/users/nobody", "Authorization", admin).status());
        assertEquals("{\"detail\":\"User not found\"}", api.get("/users/nobody", "Authorization", admin).body());

        JsonObject page = api.get("/users?offset=1&limit=2", "Authorization", admin).json().asJsonObject();
        assertEquals(2, page.getJsonArray("users").size());
        assertEquals(1, page.getInt("offset"));
        assertEquals(2, page.getInt("limit"));
        assertTrue(page.getJsonNumber("total").longValue() >= 10);

        Api.Answer badLimit = api.get("/users?limit=1000", "Authorization", admin);
        assertEquals(422, badLimit.status());
        assertTrue(badLimit.body().contains("\"type\":\"less_than_equal\",\"loc\":[\"query\",\"limit\"]"), badLimit.body());
        assertEquals(422, api.get("/users?offset=abc", "Authorization", admin).status());
    }

    @Test
    void patchesOnlyTheFieldsGiven() {
        create("{\"username\":\"dave\",\"password\":\"daves-password\",\"email\":\"dave@example.com\",\"full_name\":\"Dave\"}");

        Api.Answer patched = api.patchJson("/users/dave", "{\"email\":null,\"scopes\":[\"items\"]}", "Authorization", admin);

        assertEquals(200, patched.status(), patched::toString);
        assertEquals("{\"username\":\"dave\",\"id\":\"<uuid>\",\"email\":null,\"email_verified\":false,\"full_name\":\"Dave\","
                + "\"disabled\":false,\"scopes\":[\"items\"],\"source\":\"local\",\"mfa\":false}", withoutId(patched.body()));
        assertEquals(404, api.patchJson("/users/nobody", "{}", "Authorization", admin).status());
        assertEquals(422, api.patchJson("/users/dave", "{\"disabled\":\"no\"}", "Authorization", admin).status());
    }

    @Test
    void resettingAPasswordOrDisablingRevokesTheUsersTokensAtOnce() {
        create("{\"username\":\"erin\",\"password\":\"erins-password\"}");
        String before = api.login("erin", "erins-password");
        assertEquals(200, api.get("/users/me/", "Authorization", "Bearer " + before).status());

        api.patchJson("/users/erin", "{\"password\":\"erins-new-password\"}", "Authorization", admin);

        assertEquals(401, api.get("/users/me/", "Authorization", "Bearer " + before).status(), "the very next request");
        assertEquals(401, api.postForm("/token", "username=erin&password=erins-password").status());
        String after = api.login("erin", "erins-new-password");
        assertEquals(200, api.get("/users/me/", "Authorization", "Bearer " + after).status(), "issued after: works");

        api.patchJson("/users/erin", "{\"disabled\":true}", "Authorization", admin);
        assertEquals(401, api.get("/users/me/", "Authorization", "Bearer " + after).status(), "revoked, not just inactive");
    }

    @Test
    void deletesAUser() {
        create("{\"username\":\"frank\",\"password\":\"franks-password\"}");
        String token = api.login("frank", "franks-password");

        assertEquals(204, api.method("DELETE", "/users/frank", "Authorization", admin).status());
        assertEquals(404, api.method("DELETE", "/users/frank", "Authorization", admin).status());
        assertEquals(401, api.get("/users/me/", "Authorization", "Bearer " + token).status());
    }

    @Test
    void withoutTheAdminScopeItIsTheScopeError() {
        String user = "Bearer " + api.login("johndoe", "secret");

        for (Api.Answer answer : new Api.Answer[]{api.get("/users", "Authorization", user),
                api.postJson("/users", "{}", "Authorization", user), api.method("DELETE", "/users/johndoe", "Authorization", user)}) {
            assertEquals(401, answer.status(), answer::toString);
            assertEquals("{\"detail\":\"Not enough permissions\"}", answer.body());
            assertEquals("Bearer scope=\"admin\"", answer.header("www-authenticate"));
        }
        assertEquals("Bearer", api.get("/users").header("www-authenticate"), "no token: Not authenticated");
    }

    @Test
    void meIsNotAUsernameTheAdminApiCanReach() {
        assertEquals(307, api.get("/users/me", "Authorization", admin).status(), "it is the caller's own account");
        assertEquals(405, api.method("DELETE", "/users/me/", "Authorization", admin).status());
    }
}
