package dev.oauth2jwt.it.support;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * An integration test against the server as the tests configure it by default (HS256, the test
 * users, H2 or the suite's PostgreSQL): the classes extending it share one deployment, started once
 * ({@link SharedDeployments}).
 */
public abstract class DefaultServerTest extends ServerTestBase {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.war();
    }
}
