package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.PayaraMicroOnly;
import dev.oauth2jwt.it.support.PayaraMicroProcess;

import java.net.URL;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Payara Micro's built-in MicroProfile JWT as the consumer: our service deployed by Arquillian,
 * the consumer application on a second Payara Micro process of its own, as another team's service
 * would run, reading our key set over HTTP.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@PayaraMicroOnly
abstract class PayaraMicroProfileJwtIT extends MicroProfileJwtConsumers {

    private static PayaraMicroProcess consumerServer;
    private static Api consumerApi;

    @ArquillianResource
    URL deployment;

    @BeforeEach
    void startConsumerOnce() throws Exception {
        if (consumerServer == null) {
            String name = "consumer-" + algorithm().toLowerCase(java.util.Locale.ROOT);
            Path war = PayaraMicroProcess.work(name).resolve("consumer.war");
            consumerWar("http://127.0.0.1:" + deployment.getPort() + "/.well-known/jwks.json", algorithm())
                    .as(ZipExporter.class).exportTo(war.toFile(), true);
            consumerServer = PayaraMicroProcess.startApplication(name, war);
            consumerApi = Api.at("http://127.0.0.1:" + consumerServer.port() + "/");
        }
    }

    @AfterAll
    static void stopConsumer() throws InterruptedException {
        if (consumerServer != null) {
            consumerServer.stop();
            consumerServer = null;
        }
    }

    @Override
    Api service() {
        return new Api(deployment);
    }

    @Override
    Api consumer() {
        return consumerApi;
    }
}
