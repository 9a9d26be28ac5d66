package dev.oauth2jwt.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Runs in the WildFly suite only: it needs WildFly's own MicroProfile JWT beside our service. Which
 * suite leaves out which tag is said once, in the pom's failsafe configuration.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("wildfly-only")
public @interface WildFlyOnly {
}
