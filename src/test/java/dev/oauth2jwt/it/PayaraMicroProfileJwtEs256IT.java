package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Deployments;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Payara Micro's MicroProfile JWT trusts our ES256 tokens. */
class PayaraMicroProfileJwtEs256IT extends PayaraMicroProfileJwtIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        // sub is the account's identifier here (ACCESS_TOKEN_SUBJECT=id): the consumer still names the caller by upn
        return Deployments.war(serviceConfig("ES256", "access-token.subject=id"));
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
