package dev.oauth2jwt.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An {@link Authenticated} resource a disabled user may still call (FastAPI's {@code get_current_user}
 * rather than {@code get_current_active_user}), such as {@code /status/} or {@code /logout}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface InactiveUsersAllowed {
}
