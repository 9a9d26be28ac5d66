package dev.oauth2jwt.security.boundary;

import dev.oauth2jwt.http.control.ClientAddresses;
import dev.oauth2jwt.operations.control.Metrics;
import dev.oauth2jwt.security.control.AuditLog;
import dev.oauth2jwt.token.control.LoginSessions;
import dev.oauth2jwt.token.control.TokenVerifier;
import dev.oauth2jwt.users.control.UserStore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Puts a {@link BearerFilter} on every method of an {@link Authenticated} resource, with the scopes
 * it requires and whether it admits disabled users read once, at deployment, rather than on every
 * request; and holds what the filters share.
 */
@Provider
@ApplicationScoped
public class BearerFeature implements DynamicFeature {

    @Inject
    TokenVerifier verifier;

    @Inject
    UserStore users;

    @Inject
    LoginSessions sessions;

    @Inject
    AuditLog audit;

    @Inject
    Metrics metrics;

    @Inject
    ClientAddresses clientAddresses;

    /** The current request, for the client's address when a token is refused. */
    @Inject
    HttpServletRequest servletRequest;

    @Inject
    @ConfigProperty(name = "auth.errors")
    String authErrors;

    boolean rfc6750;

    @PostConstruct
    void init() {
        if (!"fastapi".equals(authErrors) && !"rfc6750".equals(authErrors)) {
            throw new IllegalStateException("AUTH_ERRORS is '" + authErrors + "'; it must be fastapi or rfc6750");
        }
        rfc6750 = "rfc6750".equals(authErrors);
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Class<?> type = resource.getResourceClass();
        Method method = resource.getResourceMethod();
        if (type.isAnnotationPresent(Authenticated.class) || method.isAnnotationPresent(Authenticated.class)) {
            context.register(new BearerFilter(this, requiredScopes(type, method), inactiveAllowed(type, method)),
                    Priorities.AUTHENTICATION);
        }
    }

    String clientAddress(ContainerRequestContext request) {
        return clientAddresses.resolve(servletRequest.getRemoteAddr(), request.getHeaderString("X-Forwarded-For"));
    }

    static List<String> requiredScopes(Class<?> resource, Method method) {
        RequiresScopes scopes = method == null ? null : method.getAnnotation(RequiresScopes.class);
        if (scopes == null && resource != null) {
            scopes = resource.getAnnotation(RequiresScopes.class);
        }
        return scopes == null ? List.of() : List.of(scopes.value());
    }

    static boolean inactiveAllowed(Class<?> resource, Method method) {
        return (method != null && method.isAnnotationPresent(InactiveUsersAllowed.class))
                || (resource != null && resource.isAnnotationPresent(InactiveUsersAllowed.class));
    }
}
