package dev.oauth2jwt.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.deployment.Deployment;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.context.annotation.DeploymentScoped;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.container.spi.event.UnDeployDeployment;
import org.jboss.arquillian.container.spi.event.container.BeforeStop;
import org.jboss.arquillian.core.api.InstanceProducer;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.ArchiveAsset;

/**
 * One server for consecutive test classes that deploy the same WAR with the same test
 * configuration ({@link Deployments}): the deployment a class leaves is kept, and the next class
 * that asks for the very same one is answered with it instead of a new server (Payara Micro starts
 * a process per deployment, about 15 seconds) or a redeployment (WildFly, TomEE). A class that asks
 * for anything else gets a fresh deployment, the kept one undeployed first; the last is undeployed
 * when the container stops. Only one deployment is kept: while a class runs, its other deployments
 * (a consumer application beside our service) come and go as usual and never touch the kept one. The classes share a database already (one per run), so what one leaves
 * the next sees either way; {@link DeploymentsTogether} orders the classes so that equal
 * deployments follow each other.
 */
public class SharedDeployments {

    private static final Logger LOG = Logger.getLogger(SharedDeployments.class.getName());

    /** Registered in META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension. */
    public static class Extension implements LoadableExtension {
        @Override
        public void register(ExtensionBuilder builder) {
            builder.observer(SharedDeployments.class);
        }
    }

    /** A deployment left running for the next class: where, what, and what the tests were told of it. */
    private record Kept(DeployableContainer<?> container, DeploymentDescription description, String fingerprint,
                        ProtocolMetaData metaData) {
    }

    private static Kept kept;
    private static boolean inUse;

    @Inject
    @DeploymentScoped
    private InstanceProducer<ProtocolMetaData> protocolMetaData;

    @Inject
    @DeploymentScoped
    private InstanceProducer<DeploymentDescription> deploymentDescription;

    @Inject
    @DeploymentScoped
    private InstanceProducer<Deployment> deploymentProducer;

    /** Inside the deployment's context (the handlers that open it run first, at precedence 0). */
    public void deploy(@Observes(precedence = -10) EventContext<DeployDeployment> context) throws Exception {
        DeployDeployment event = context.getEvent();
        Deployment deployment = event.getDeployment();
        Optional<String> fingerprint = fingerprint(deployment.getDescription());
        if (kept != null && !inUse && kept.container() == event.getDeployableContainer() && fingerprint.isPresent()
                && fingerprint.get().equals(kept.fingerprint())
                && kept.description().getName().equals(deployment.getDescription().getName())) {
            deploymentDescription.set(deployment.getDescription());
            deploymentProducer.set(deployment);
            protocolMetaData.set(kept.metaData());
            deployment.deployed();
            inUse = true;
            LOG.info(() -> "Shared deployment: the server of the previous test class, same WAR and configuration");
            return;
        }
        if (!inUse) {
            undeployKept();
        }
        context.proceed();
        if (kept == null && deployment.isDeployed() && fingerprint.isPresent() && protocolMetaData.get() != null) {
            kept = new Kept(event.getDeployableContainer(), deployment.getDescription(), fingerprint.get(), protocolMetaData.get());
            inUse = true;
        }
    }

    /** The class is done with it: kept for the next class if it is the one kept, else undeployed as usual. */
    public void undeploy(@Observes(precedence = -10) EventContext<UnDeployDeployment> context) throws Exception {
        Deployment deployment = context.getEvent().getDeployment();
        boolean theKeptOne = kept != null && inUse && kept.container() == context.getEvent().getDeployableContainer()
                && kept.description().getName().equals(deployment.getDescription().getName())
                && kept.fingerprint().equals(fingerprint(deployment.getDescription()).orElse(null));
        if (theKeptOne) {
            deployment.undeployed();
            inUse = false;
            return;
        }
        context.proceed();
    }

    public void stop(@Observes BeforeStop event) {
        if (kept != null && kept.container() == event.getDeployableContainer()) {
            undeployKept();
        }
    }

    private static void undeployKept() {
        if (kept == null) {
            return;
        }
        Kept leaving = kept;
        kept = null;
        inUse = false;
        try {
            leaving.container().undeploy(leaving.description().getArchive());
        } catch (Exception e) {
            throw new IllegalStateException("undeploying the kept deployment failed", e);
        }
    }

    /** The WAR's name and its test configuration (the built WAR is the same for the whole run); empty for other archives. */
    static Optional<String> fingerprint(DeploymentDescription description) {
        if (!description.isArchiveDeployment() || description.testable()) {
            return Optional.empty();
        }
        Archive<?> archive = description.getArchive();
        Node library = archive.get("/WEB-INF/lib/" + Deployments.CONFIG_LIBRARY);
        if (library == null || !(library.getAsset() instanceof ArchiveAsset config)) {
            return Optional.empty();
        }
        Node properties = config.getArchive().get("/META-INF/microprofile-config.properties");
        if (properties == null || properties.getAsset() == null) {
            return Optional.empty();
        }
        try (InputStream in = properties.getAsset().openStream()) {
            return Optional.of(archive.getName() + "\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
