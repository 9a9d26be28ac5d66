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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS answers OPTIONS by itself; FastAPI (no CORS middleware) answers it 405 like any method a
 * route does not declare. Keep the FastAPI contract.
 */
@Provider
@ApplicationScoped
public class OptionsNotAllowed implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!HttpMethod.OPTIONS.equals(request.getMethod()) || response.getStatus() >= 300) {
            return;
        }
        response.setStatusInfo(Response.Status.METHOD_NOT_ALLOWED);
        response.getHeaders().putSingle(HttpHeaders.ALLOW, ErrorResponses.allowHeader(response.getAllowedMethods()));
        response.setEntity(new ErrorDetail("Method Not Allowed"), null, MediaType.APPLICATION_JSON_TYPE);
    }
}
