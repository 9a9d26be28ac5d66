package dev.oauth2jwt.sso.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The claims request parameter (OpenID Connect Core 5.5) as far as the server acts on it. */
class ClaimsRequestTest {

    static final Set<String> HELD = Set.of("name", "preferred_username", "updated_at", "email", "email_verified");

    @Test
    void namesAskedForInEachMemberAmongThoseHeld() {
        ClaimsRequest request = ClaimsRequest.parse("{\"userinfo\":{\"name\":{\"essential\":true},\"given_name\":null,"
                + "\"email\":null},\"id_token\":{\"email_verified\":{\"essential\":false},\"auth_time\":{\"essential\":true}}}",
                HELD).orElseThrow();

        assertEquals(Set.of("name", "email"), request.userinfo());
        assertEquals(Set.of("email_verified"), request.idToken());
        assertEquals(List.of(), request.essentialAcr());
        assertTrue(request.acrSatisfiableBy(List.of("1", "2")));
    }

    @Test
    void anEssentialAcrNamesTheValuesThatSatisfyIt() {
        ClaimsRequest request = ClaimsRequest.parse("{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"2\",\"3\"]}}}", HELD)
                .orElseThrow();
        assertFalse(request.acrSatisfiableBy(List.of("1")));
        assertTrue(request.acrSatisfiableBy(List.of("1", "2")), "a second factor satisfies it");
        assertTrue(request.demandsAcr("2", "1"), "only a login with a second factor will do");
        ClaimsRequest one = ClaimsRequest.parse("{\"id_token\":{\"acr\":{\"essential\":true,\"value\":\"1\"}}}", HELD).orElseThrow();
        assertTrue(one.acrSatisfiableBy(List.of("1")));
        assertFalse(one.demandsAcr("2", "1"));
        ClaimsRequest voluntary = ClaimsRequest.parse("{\"id_token\":{\"acr\":{\"values\":[\"2\"]}}}", HELD).orElseThrow();
        assertTrue(voluntary.acrSatisfiableBy(List.of("1")), "voluntary: the best the server can do");
        assertFalse(voluntary.demandsAcr("2", "1"));
        assertFalse(ClaimsRequest.parse("{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"9\"]}}}", HELD).orElseThrow()
                .acrSatisfiableBy(List.of("1", "2")), "nothing offered satisfies it");
    }

    @Test
    void aSubValueNamesTheAccountTheRequestIsFor() {
        assertEquals("6b1e...", ClaimsRequest.parse("{\"id_token\":{\"sub\":{\"value\":\"6b1e...\"}}}", HELD).orElseThrow().subject());
    }

    @Test
    void anythingButAnObjectOfObjectsIsMalformed() {
        for (String malformed : List.of("[]", "\"name\"", "{\"userinfo\":[\"name\"]}", "{\"id_token\":\"email\"}", "{",
                "{\"userinfo\":{},\"userinfo\":{}}", "x".repeat(ClaimsRequest.MAX_LENGTH + 1))) {
            assertEquals(Optional.empty(), ClaimsRequest.parse(malformed, HELD), malformed);
        }
        assertEquals(Optional.of(ClaimsRequest.NONE), ClaimsRequest.parse(null, HELD));
        assertEquals(Set.of(), ClaimsRequest.parse("{\"userinfo\":null}", HELD).orElseThrow().userinfo());
    }
}
