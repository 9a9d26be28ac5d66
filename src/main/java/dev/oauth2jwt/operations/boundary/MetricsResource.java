package dev.oauth2jwt.operations.boundary;

import dev.oauth2jwt.auth.control.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /metrics}: for Prometheus, not for API clients (keep it off the internet at the proxy). */
@ApplicationScoped
@Path("metrics")
public class MetricsResource {

    @Inject
    Metrics metrics;

    @GET
    @Operation(hidden = true)
    public Response scrape() {
        StreamingOutput page = metrics::write;
        return Response.ok(page, Metrics.CONTENT_TYPE).build();
    }
}
