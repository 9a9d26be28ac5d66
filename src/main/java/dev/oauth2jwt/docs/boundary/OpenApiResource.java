package dev.oauth2jwt.docs.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /openapi.json}: the OpenAPI document generated from the resources' annotations at build
 * time ({@code META-INF/openapi.json}), the same on every server.
 */
@ApplicationScoped
@Path("openapi.json")
public class OpenApiResource {

    private final byte[] document = load();

    @GET
    @Operation(hidden = true)
    public Response document() {
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static byte[] load() {
        try (InputStream in = OpenApiResource.class.getClassLoader().getResourceAsStream("META-INF/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("META-INF/openapi.json is missing: the build generates it");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
