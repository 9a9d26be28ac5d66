package dev.oauth2jwt.http.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.oauth2jwt.token.boundary.TokenResource;
import dev.oauth2jwt.users.boundary.MeResource;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class TrailingSlashRedirectTest {

    @Test
    void readsTheDeclaredFormOfEachPath() throws NoSuchMethodException {
        assertEquals(true, TrailingSlashRedirect.declaredWithTrailingSlash(MeResource.class,
                MeResource.class.getMethod("me", SecurityContext.class)));
        assertEquals(true, TrailingSlashRedirect.declaredWithTrailingSlash(MeResource.class,
                MeResource.class.getMethod("items", SecurityContext.class)));
        assertEquals(false, TrailingSlashRedirect.declaredWithTrailingSlash(TokenResource.class,
                TokenResource.class.getMethod("login", HttpHeaders.class, InputStream.class)));
    }

    @Test
    void ignoresMethodsThatAreNotOurs() {
        assertNull(TrailingSlashRedirect.declaredWithTrailingSlash(null, null));
        assertNull(TrailingSlashRedirect.declaredWithTrailingSlash(Object.class, Object.class.getMethods()[0]));
    }
}
