package dev.oauth2jwt.http.boundary;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.net.URI;

/**
 * FastAPI's {@code redirect_slashes}: JAX-RS matches {@code /users/me} and {@code /users/me/} alike,
 * FastAPI answers the form that is not declared with a 307 to the one that is, before any
 * authentication, keeping the query string. Each resource method gets a filter that knows, from
 * deployment on, which form it declares.
 */
@Provider
public class TrailingSlashRedirect implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Boolean withSlash = declaredWithTrailingSlash(resource.getResourceClass(), resource.getResourceMethod());
        if (withSlash != null) {
            context.register(new Redirect(withSlash), Priorities.AUTHENTICATION - 100);
        }
    }

    /** Whether the method's path template ends with '/'; null when it is not one of ours. */
    static Boolean declaredWithTrailingSlash(Class<?> resource, Method method) {
        if (resource == null || method == null) {
            return null;
        }
        Path onMethod = method.getAnnotation(Path.class);
        Path onClass = resource.getAnnotation(Path.class);
        Path last = onMethod != null ? onMethod : onClass;
        return last == null ? null : last.value().endsWith("/");
    }

    private record Redirect(boolean declaredWithSlash) implements ContainerRequestFilter {

        @Override
        public void filter(ContainerRequestContext request) {
            String path = request.getUriInfo().getPath(false);   // relative to the application, no URI built
            if (path.endsWith("/") == declaredWithSlash || path.isEmpty() || "/".equals(path)) {
                return;
            }
            URI uri = RequestUrls.asRequested(request.getUriInfo().getRequestUri(), request.getHeaderString("Host"));
            String rawPath = uri.getRawPath();
            String target = declaredWithSlash ? rawPath + "/" : rawPath.replaceAll("/+$", "");
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            request.abortWith(Response.temporaryRedirect(
                    URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + target + query)).build());
        }
    }
}
