package dev.oauth2jwt.it.support;

import java.net.URL;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every integration test shares: Arquillian deploys the class's {@code @Deployment} to a
 * managed Payara Micro, and the tests call it over HTTP like any client.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class ServerTestBase {

    @ArquillianResource
    public URL deployment;

    public Api api;

    @BeforeEach
    public void client() {
        api = new Api(deployment);
    }
}
