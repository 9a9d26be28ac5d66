package dev.oauth2jwt.http.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.net.URI;

/**
 * FastAPI's {@code redirect_slashes}: JAX-RS matches {@code /users/me} and {@code /users/me/} alike,
 * FastAPI answers the form that is not declared with a 307 to the one that is, before any
 * authentication, keeping the query string.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION - 100)
public class TrailingSlashRedirect implements ContainerRequestFilter {

    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        Boolean declaredWithSlash = declaredWithTrailingSlash(resourceInfo.getResourceClass(), resourceInfo.getResourceMethod());
        if (declaredWithSlash == null) {
            return;
        }
        String path = request.getUriInfo().getPath(false);   // relative to the application, no URI built
        if (path.endsWith("/") == declaredWithSlash || path.isEmpty() || "/".equals(path)) {
            return;
        }
        URI uri = request.getUriInfo().getRequestUri();
        String rawPath = uri.getRawPath();
        String target = declaredWithSlash ? rawPath + "/" : rawPath.replaceAll("/+$", "");
        request.abortWith(Response.temporaryRedirect(withPath(uri, target)).build());
    }

    /** Whether the matched method's path template ends with '/'; null when it is not one of ours. */
    static Boolean declaredWithTrailingSlash(Class<?> resource, Method method) {
        if (resource == null || method == null) {
            return null;
        }
        Path onMethod = method.getAnnotation(Path.class);
        Path onClass = resource.getAnnotation(Path.class);
        Path last = onMethod != null ? onMethod : onClass;
        return last == null ? null : last.value().endsWith("/");
    }

    private static URI withPath(URI uri, String rawPath) {
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + rawPath + query);
    }
}
