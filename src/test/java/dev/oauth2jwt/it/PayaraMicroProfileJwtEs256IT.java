package dev.oauth2jwt.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Payara Micro's MicroProfile JWT trusts our ES256 tokens. */
class PayaraMicroProfileJwtEs256IT extends PayaraMicroProfileJwtIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(serviceConfig("ES256"));
    }

    @Override
    String algorithm() {
        return "ES256";
    }
}
