package dev.oauth2jwt.bearer.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.oauth2jwt.bearer.entity.Caller;
import dev.oauth2jwt.tokens.entity.VerifiedToken;
import dev.oauth2jwt.users.entity.User;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

public class CurrentCallerTest {

    /** One request's attributes. */
    static class Attributes implements RequestAttributes {
        final Map<String, Object> values = new HashMap<>();

        @Override
        public Object get(String name) {
            return values.get(name);
        }

        @Override
        public void set(String name, Object value) {
            values.put(name, value);
        }
    }

    static CurrentCaller of(RequestAttributes attributes) {
        CurrentCaller current = new CurrentCaller();
        current.attributes = attributes;
        return current;
    }

    static Caller johndoe() {
        VerifiedToken token = new VerifiedToken("raw", Map.of(), "johndoe", 0, null, Set.of("me"), Long.MAX_VALUE,
                Long.MIN_VALUE, null, null, null, null);
        return new Caller(token, new User("johndoe", null, null, "$2b$04$unused", false, Set.of("me")));
    }

    @Test
    void theAdmittedCallerIsTheRequestsOwn() {
        Attributes request = new Attributes();
        Caller admitted = johndoe();

        of(request).admit(admitted);

        assertSame(admitted, of(request).get(), "any bean reading the same request sees it");
        assertEquals(Optional.empty(), of(new Attributes()).find(), "another request has none");
    }

    @Test
    void noCallerWithoutTheTokenCheck() {
        Attributes request = new Attributes();
        request.set("dev.oauth2jwt.bearer.control.CurrentCaller.x", johndoe());
        request.set(CurrentCaller.ATTRIBUTE, "johndoe");   // not a Caller: not one the check admitted

        assertEquals(Optional.empty(), of(request).find());
        assertThrows(IllegalStateException.class, () -> of(request).get());
    }
}
