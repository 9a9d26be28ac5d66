package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.WildFlyOnly;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WildFly's built-in MicroProfile JWT (standalone-microprofile.xml) as the consumer: our service
 * and the consumer application deployed side by side on the same WildFly, the consumer reading
 * our key set over HTTP like any other. Only in the WildFly suite (-Dwildfly).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@WildFlyOnly
abstract class WildFlyMicroProfileJwtIT extends MicroProfileJwtConsumers {

    /** WildFly's HTTP port in the suite (port offset 100, see arquillian.xml); our service at the root. */
    static final String SERVER = "http://127.0.0.1:8180/";
    static final String KEY_SET = SERVER + ".well-known/jwks.json";

    /**
     * smallrye-jwt's HTTP mechanism in WildFly 38 fails with 500 on a key it cannot resolve
     * (smallrye/smallrye-jwt#437): refused all the same, only with the wrong status.
     */
    @Override
    int refusalOfAKeyItCannotFind() {
        return 500;
    }

    /** No token: WildFly lets the request in unauthenticated, and RESTEasy's role check forbids it. */
    @Override
    int refusalWithoutAToken() {
        return 403;
    }

    @Override
    Api service() {
        return Api.at(SERVER);
    }

    @Override
    Api consumer() {
        return Api.at(SERVER + "consumer/");
    }
}
