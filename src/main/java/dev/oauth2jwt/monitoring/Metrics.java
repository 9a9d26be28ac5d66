package dev.oauth2jwt.monitoring;


import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.function.LongSupplier;
import java.io.OutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What operators watch, in Prometheus' text format (the Prometheus Java client writes it): logins
 * by outcome, refused tokens by reason, how long token checks and logins take, refresh tokens
 * still usable. One registry per deployment, so two applications in one server never collide.
 */
@ApplicationScoped
public class Metrics {

    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
    private static final Logger LOG = Logger.getLogger(Metrics.class.getName());

    private final PrometheusRegistry registry = new PrometheusRegistry();

    private final Counter logins = Counter.builder()
            .name("oauth2jwt_logins")
            .help("Password logins by outcome: success, failure, throttled (429), busy (503)")
            .labelNames("outcome")
            .register(registry);

    private final Counter refusedTokens = Counter.builder()
            .name("oauth2jwt_tokens_refused")
            .help("Bearer tokens refused, by reason")
            .labelNames("reason")
            .register(registry);

    private final Counter logoutDeliveries = Counter.builder()
            .name("oauth2jwt_backchannel_logouts")
            .help("Attempts to tell an application of a logout by the back channel, by outcome: delivered, retry, given_up")
            .labelNames("outcome")
            .register(registry);

    private final Histogram tokenChecks = Histogram.builder()
            .name("oauth2jwt_token_check_seconds")
            .help("Time to check a bearer token, user lookup included")
            .classicOnly()
            .classicUpperBounds(0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 1)
            .register(registry);

    private final Histogram loginDurations = Histogram.builder()
            .name("oauth2jwt_login_seconds")
            .help("Time to answer a password login, bcrypt included")
            .classicOnly()
            .classicUpperBounds(0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5)
            .register(registry);

    /**
     * A gauge read at every scrape, registered by the feature that knows the figure (the active
     * refresh tokens: sessions). A figure that cannot be read (the database is down) is left out of
     * that scrape rather than failing the page.
     */
    public void gauge(String name, String help, LongSupplier figure) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .callback(callback -> {
                    try {
                        callback.call(figure.getAsLong());
                    } catch (RuntimeException e) {
                        LOG.log(Level.FINE, "cannot read " + name, e);
                    }
                })
                .register(registry);
    }

    public void login(Outcome outcome, long nanos) {
        logins.labelValues(outcome.metricLabel()).inc();
        loginDurations.observe(nanos / 1e9);
    }

    public void tokenRefused(String reason) {
        refusedTokens.labelValues(reason).inc();
    }

    public void logoutDelivery(String outcome) {
        logoutDeliveries.labelValues(outcome).inc();
    }

    public void tokenChecked(long nanos) {
        tokenChecks.observe(nanos / 1e9);
    }

    public void write(OutputStream out) throws IOException {
        new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    }
}
