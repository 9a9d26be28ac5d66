package dev.oauth2jwt.docs.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The Swagger UI files of the {@code org.webjars:swagger-ui} jar in the WAR, served by the
 * application itself so that the docs work offline: only these files, by name.
 */
@ApplicationScoped
public class SwaggerUi {

    /** A file and its media type. */
    public record Asset(byte[] content, String mediaType) {
    }

    private static final Map<String, String> FILES = Map.of(
            "swagger-ui.css", "text/css",
            "swagger-ui-bundle.js", "text/javascript",
            "oauth2-redirect.html", "text/html",
            "oauth2-redirect.js", "text/javascript",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");

    private String version;

    @PostConstruct
    void findVersion() {
        Properties pom = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("Swagger UI (org.webjars:swagger-ui) is not in the WAR");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        version = pom.getProperty("version");
    }

    public Optional<Asset> asset(String name) {
        String type = FILES.get(name);
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = resource("META-INF/resources/webjars/swagger-ui/" + version + "/" + name)) {
            return in == null ? Optional.empty() : Optional.of(new Asset(in.readAllBytes(), type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        return SwaggerUi.class.getClassLoader().getResourceAsStream(path);
    }
}
