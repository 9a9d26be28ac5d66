package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Deployments;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** WildFly's MicroProfile JWT trusts our ES256 tokens. */
class WildFlyMicroProfileJwtEs256IT extends WildFlyMicroProfileJwtIT {

    @Deployment(name = "service", order = 1, testable = false)
    static WebArchive serviceApplication() {
        // sub is the account's identifier here (ACCESS_TOKEN_SUBJECT=id): the consumer still names the caller by upn
        return Deployments.war(serviceConfig("ES256", "access-token.subject=id"));
    }

    @Deployment(name = "consumer", order = 2, testable = false)
    static WebArchive consumerApplication() {
        return consumerWar(KEY_SET, "ES256");
    }

    @Override
    String algorithm() {
        return "ES256";
    }

    @Override
    boolean subjectIsTheAccountsId() {
        return true;
    }
}
