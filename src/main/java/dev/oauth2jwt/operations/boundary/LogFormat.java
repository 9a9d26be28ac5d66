package dev.oauth2jwt.operations.boundary;

import dev.oauth2jwt.operations.control.JsonLogFormatter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code LOG_FORMAT=json}: the server's log handlers write one JSON object per line from
 * deployment on; their own formatters come back at undeployment, so the server keeps no class of
 * this application. {@code text} (the default) leaves the server's format alone.
 */
@ApplicationScoped
public class LogFormat {

    private static final Logger LOG = Logger.getLogger(LogFormat.class.getName());

    @Inject
    @ConfigProperty(name = "log.format", defaultValue = "text")
    String format;

    private final Map<Handler, Formatter> replaced = new IdentityHashMap<>();

    void apply(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if ("text".equals(format)) {
            return;
        }
        if (!"json".equals(format)) {
            throw new IllegalStateException("LOG_FORMAT is '" + format + "'; it must be text or json");
        }
        JsonLogFormatter json = new JsonLogFormatter();
        synchronized (replaced) {
            for (Handler handler : Logger.getLogger("").getHandlers()) {
                replaced.put(handler, handler.getFormatter());
                handler.setFormatter(json);
            }
        }
        LOG.info(() -> "Logging one JSON object per line (LOG_FORMAT=json) on " + replaced.size() + " handlers");
    }

    @PreDestroy
    void restore() {
        synchronized (replaced) {
            replaced.forEach((handler, formatter) -> {
                if (formatter != null) {
                    handler.setFormatter(formatter);
                }
            });
            replaced.clear();
        }
    }
}
