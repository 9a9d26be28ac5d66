package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Deployments;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Payara Micro's MicroProfile JWT trusts our RS256 tokens. */
class PayaraMicroProfileJwtRs256IT extends PayaraMicroProfileJwtIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(serviceConfig("RS256"));
    }

    @Override
    String algorithm() {
        return "RS256";
    }
}
