package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Deployments;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** WildFly's MicroProfile JWT trusts our RS256 tokens. */
class WildFlyMicroProfileJwtRs256IT extends WildFlyMicroProfileJwtIT {

    @Deployment(name = "service", order = 1, testable = false)
    static WebArchive serviceApplication() {
        return Deployments.war(serviceConfig("RS256"));
    }

    @Deployment(name = "consumer", order = 2, testable = false)
    static WebArchive consumerApplication() {
        return consumerWar(KEY_SET, "RS256");
    }

    @Override
    String algorithm() {
        return "RS256";
    }
}
