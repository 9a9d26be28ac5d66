package dev.oauth2jwt.operations.boundary;

import dev.oauth2jwt.monitoring.Metrics;
import dev.oauth2jwt.errors.boundary.ErrorPageServlet;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /metrics}: for Prometheus, not for API clients (keep it off the internet at the proxy).
 * A servlet on the exact path rather than a JAX-RS resource: an exact mapping wins over the
 * {@code /metrics/*} servlet that TomEE's MicroProfile Metrics adds to every application, so the
 * same URL serves this application's metrics on every server.
 */
@WebServlet(name = "Metrics", urlPatterns = "/metrics")
public class MetricsServlet extends HttpServlet {

    @Inject
    transient Metrics metrics;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean get = "GET".equals(request.getMethod());
        if (!get && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            ErrorPageServlet.answer(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        response.setContentType(Metrics.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        if (get) {
            metrics.write(response.getOutputStream());
        }
    }
}
