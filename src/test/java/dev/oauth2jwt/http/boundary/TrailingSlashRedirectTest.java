package dev.oauth2jwt.http.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.oauth2jwt.grants.boundary.TokenResource;
import dev.oauth2jwt.account.boundary.MeResource;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TrailingSlashRedirectTest {

    @Test
    void readsTheDeclaredFormOfEachPath() {
        assertEquals(true, TrailingSlashRedirect.declaredWithTrailingSlash(MeResource.class, method(MeResource.class, "me")));
        assertEquals(true, TrailingSlashRedirect.declaredWithTrailingSlash(MeResource.class, method(MeResource.class, "items")));
        assertEquals(false, TrailingSlashRedirect.declaredWithTrailingSlash(TokenResource.class,
                method(TokenResource.class, "token")));
    }

    static Method method(Class<?> type, String name) {
        return Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void ignoresMethodsThatAreNotOurs() {
        assertNull(TrailingSlashRedirect.declaredWithTrailingSlash(null, null));
        assertNull(TrailingSlashRedirect.declaredWithTrailingSlash(Object.class, Object.class.getMethods()[0]));
    }
}
