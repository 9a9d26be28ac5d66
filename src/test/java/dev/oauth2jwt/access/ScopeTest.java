package dev.oauth2jwt.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeTest {

    static final Set<String> ALL = Set.of("me", "items", "admin");

    @Test
    void grantsWhatIsAskedAndAllowedOnly() {
        assertEquals(List.of("items", "me"), List.copyOf(Scope.granted("items me", ALL)), "in the order asked");
        assertEquals(List.of("me"), List.copyOf(Scope.granted("me admin", Set.of("me", "items"))), "admin not allowed");
        assertEquals(List.of("me"), List.copyOf(Scope.granted("me superuser", ALL)), "unknown scopes are not granted");
        assertEquals(List.of(), List.copyOf(Scope.granted("superuser", ALL)));
    }

    @Test
    void aBrowserLoginAddsTheOpenIdScopesAskedForButNeverAnApiScopeNotAllowed() {
        assertEquals(List.of("me", "openid", "email"), List.copyOf(Scope.grantedWithIdentity("email me openid admin", Set.of("me"))));
        assertEquals(List.of("me", "items", "openid"), List.copyOf(Scope.grantedWithIdentity("openid", ALL)), "the defaults");
        assertEquals(List.of("me"), Scope.apiScopes(Set.of("me", "openid")), "groups: the API's scopes only");
    }

    @Test
    void nothingAskedGetsTheDefaultsTheUserMayHaveNeverAdmin() {
        assertEquals(List.of("me", "items"), List.copyOf(Scope.granted("", ALL)));
        assertEquals(List.of("me", "items"), List.copyOf(Scope.granted(null, ALL)));
        assertEquals(List.of("me", "items"), List.copyOf(Scope.granted("   ", ALL)));
        assertEquals(List.of("items"), List.copyOf(Scope.granted("", Set.of("items", "admin"))));
    }

    @Test
    void parsesSpaceSeparatedScopes() {
        assertEquals(List.of("me", "items"), List.copyOf(Scope.parse("  me   items me ")));
        assertEquals(Set.of(), Scope.parse(null));
    }
}
