package dev.oauth2jwt.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scopes an {@link Authenticated} resource needs, all of them, in the order the
 * {@code WWW-Authenticate} challenge names them. On a method it replaces the class's.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScopes {
    String[] value();
}
