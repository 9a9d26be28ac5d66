package dev.oauth2jwt.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An {@link Authenticated} {@code POST} that also takes the bearer token as the form field
 * {@code access_token} (RFC 6750 section 2.2), as OpenID Connect's userinfo endpoint must; never
 * both ways in one request.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TokenInFormBodyAllowed {
}
