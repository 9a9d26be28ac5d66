package dev.oauth2jwt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.Deployments;
import dev.oauth2jwt.it.support.PayaraMicroOnly;
import dev.oauth2jwt.it.support.ServerTestBase;
import dev.oauth2jwt.it.support.TestActiveDirectory;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Active Directory's shape, against Samba's domain controller ({@link TestActiveDirectory}) with
 * {@code LDAP_DIRECTORY=active-directory}: a person by sAMAccountName or userPrincipalName, one
 * account linked by objectGUID, memberOf to scopes, displayName, and the userAccountControl
 * disabled bit ending a session at its refresh. Once, on Payara Micro: the directory is asked the
 * same way on every server, and DirectoryIT runs on all three.
 */
@PayaraMicroOnly
class ActiveDirectoryIT extends ServerTestBase {

    static TestActiveDirectory domain;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        domain = TestActiveDirectory.get();
        return Deployments.war(domain.config());
    }

    Api.Answer passwordGrant(String username, String password, String... scope) {
        return api.postForm("/token", Api.form(scope.length == 0 ? Map.of("username", username, "password", password)
                : Map.of("username", username, "password", password, "scope", scope[0])), "X-Forwarded-For", "10.42.0.1");
    }

    @Test
    void aPersonLogsInBySamAccountNameOrUserPrincipalNameToOneAccount() {
        Api.Answer bySam = passwordGrant("kara", TestActiveDirectory.password("kara"), "me admin");
        assertEquals(200, bySam.status(), bySam::toString);
        Api.Answer byUpn = passwordGrant("kara@example.test", TestActiveDirectory.password("kara"));
        assertEquals(200, byUpn.status(), byUpn::toString);
        JsonObject me = api.get("/users/me/", "Authorization", "Bearer " + byUpn.json().asJsonObject().getString("access_token"))
                .json().asJsonObject();
        assertEquals("kara", me.getString("username"), "the account's name is sAMAccountName, whichever name was typed");
        assertEquals("Kara Danvers", me.getString("full_name"), "displayName");
        assertEquals("kara@example.test", me.getString("email"));

        JsonObject account = api.asAdmin("GET", "/users/kara", null).json().asJsonObject();
        assertEquals("directory", account.getString("source"));
        assertEquals(Set.of("me", "items", "admin"), Set.copyOf(account.getJsonArray("scopes").getValuesAs(JsonString::getString)),
                "admin from memberOf CN=API Admins");
        assertEquals(200, api.get("/users/kara", "Authorization", "Bearer "
                + bySam.json().asJsonObject().getString("access_token")).status());
        assertEquals(401, passwordGrant("kara", "Wrong!Passw0rd").status());
        assertEquals(401, passwordGrant("kara*", TestActiveDirectory.password("kara")).status());
    }

    @Test
    void aPersonDisabledInTheDomainIsRefusedAtTheNextRefreshAndCannotLogIn() {
        JsonObject tokens = passwordGrant("dexter", TestActiveDirectory.password("dexter")).json().asJsonObject();
        domain.tool("user", "disable", "dexter");
        try {
            Api.Answer refresh = api.postForm("/token", Api.form(Map.of("grant_type", "refresh_token",
                    "refresh_token", tokens.getString("refresh_token"))), "X-Forwarded-For", "10.42.0.1");
            assertEquals(400, refresh.status(), refresh::toString);
            assertEquals(401, api.get("/users/me/", "Authorization", "Bearer " + tokens.getString("access_token")).status(),
                    "its tokens ended");
            assertEquals(401, passwordGrant("dexter", TestActiveDirectory.password("dexter")).status());
        } finally {
            domain.tool("user", "enable", "dexter");
        }
        assertEquals(200, passwordGrant("dexter", TestActiveDirectory.password("dexter")).status(), "enabled again: in again");
    }

    @Test
    void aPersonOutOfTheMappedGroupsHasTheDefaultScopesOnly() {
        Api.Answer login = passwordGrant("rosa", TestActiveDirectory.password("rosa"));
        assertEquals(200, login.status(), login::toString);
        JsonObject account = api.asAdmin("GET", "/users/rosa", null).json().asJsonObject();
        assertEquals(Set.of("me", "items"), Set.copyOf(account.getJsonArray("scopes").getValuesAs(JsonString::getString)));
        assertTrue(account.isNull("email"), "no mail attribute: no address");
    }
}
