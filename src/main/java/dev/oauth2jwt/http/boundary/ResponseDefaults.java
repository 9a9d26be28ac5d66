package dev.oauth2jwt.http.boundary;

import dev.oauth2jwt.errors.boundary.ErrorResponses;
import dev.oauth2jwt.errors.entity.ErrorDetail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * What every answer gets on its way out (one filter, it runs on every request):
 * <ul>
 * <li>no MIME sniffing, and nothing cached unless a resource says otherwise (the docs' static
 * files), since answers carry tokens or user data; the error page servlet sets the same;</li>
 * <li>OPTIONS answered 405 with {@code Allow}, as FastAPI (no CORS middleware) answers any method
 * a route does not declare, where JAX-RS would answer it by itself.</li>
 * </ul>
 */
@Provider
@ApplicationScoped
public class ResponseDefaults implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (HttpMethod.OPTIONS.equals(request.getMethod()) && response.getStatus() < 300) {
            String allow = ErrorResponses.allowHeaderFor(request.getUriInfo().getPath());
            response.setStatusInfo(Response.Status.METHOD_NOT_ALLOWED);
            response.getHeaders().putSingle(HttpHeaders.ALLOW, allow);
            response.setEntity(new ErrorDetail("Method Not Allowed"), null, MediaType.APPLICATION_JSON_TYPE);
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("X-Content-Type-Options", "nosniff");
        if (!headers.containsKey(HttpHeaders.CACHE_CONTROL)) {
            headers.putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
