package dev.oauth2jwt.bearer.boundary;

import dev.oauth2jwt.access.Authenticated;
import dev.oauth2jwt.access.InactiveUsersAllowed;
import dev.oauth2jwt.access.RequiresScopes;
import dev.oauth2jwt.access.TokenInFormBodyAllowed;
import dev.oauth2jwt.bearer.control.BearerCheck;
import dev.oauth2jwt.bearer.control.BearerCheck.Origin;
import dev.oauth2jwt.bearer.control.BearerCheck.Requirement;
import dev.oauth2jwt.bearer.control.CurrentCaller;
import dev.oauth2jwt.http.boundary.ClientAddresses;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Puts a {@link BearerFilter} on every method of an {@link Authenticated} resource, with what that
 * method requires ({@link RequiresScopes}, {@link InactiveUsersAllowed}) read once, at deployment,
 * and the token check it asks. (A JAX-RS name-bound filter would read the method on every request
 * through an injected {@code ResourceInfo}, which Jersey does not give a CDI-managed provider.)
 */
@Provider
@ApplicationScoped
public class BearerFeature implements DynamicFeature {

    @Inject
    BearerCheck check;

    @Inject
    BearerAnswers answers;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    ClientAddresses addresses;

    /** The current request (a CDI proxy), for where a refused token came from. */
    @Inject
    HttpServletRequest request;

    private BearerFilter.Services services;

    @PostConstruct
    void share() {
        services = new BearerFilter.Services(check, answers, currentCaller,
                () -> new Origin(addresses.of(request), request.getRequestURI()));
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Class<?> type = resource.getResourceClass();
        Method method = resource.getResourceMethod();
        if (type.isAnnotationPresent(Authenticated.class) || method.isAnnotationPresent(Authenticated.class)) {
            context.register(new BearerFilter(services, requirement(type, method), method.isAnnotationPresent(TokenInFormBodyAllowed.class)),
                    Priorities.AUTHENTICATION);
        }
    }

    /** The method's {@link RequiresScopes}, else its class's; whether it or its class admits inactive users. */
    static Requirement requirement(Class<?> resource, Method method) {
        RequiresScopes scopes = method == null ? null : method.getAnnotation(RequiresScopes.class);
        if (scopes == null && resource != null) {
            scopes = resource.getAnnotation(RequiresScopes.class);
        }
        boolean inactiveAllowed = (method != null && method.isAnnotationPresent(InactiveUsersAllowed.class))
                || (resource != null && resource.isAnnotationPresent(InactiveUsersAllowed.class));
        return new Requirement(scopes == null ? List.of() : List.of(scopes.value()), inactiveAllowed);
    }
}
