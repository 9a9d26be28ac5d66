package dev.oauth2jwt.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Load-bound (a minute or more of traffic on 127.0.0.1): run in one suite only, Payara Micro's,
 * where it proves what it proves; the other servers' suites leave it out. Which suite leaves out
 * which tag is said once, in the pom's failsafe configuration.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("load")
public @interface LoadTest {
}
