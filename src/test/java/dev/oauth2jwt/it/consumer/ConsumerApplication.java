package dev.oauth2jwt.it.consumer;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Another team's service that trusts our tokens with its server's own MicroProfile JWT, nothing
 * of ours: the test-only application of the consumer tests. Its configuration (key set URL,
 * issuer, algorithm, audience) is written by the test into META-INF/microprofile-config.properties.
 */
@ApplicationScoped   // a CDI bean: Payara finds @LoginConfig among the beans
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"me", "items", "admin"})
@ApplicationPath("/")
public class ConsumerApplication extends Application {
}
