package dev.oauth2jwt.bearer.boundary;

import dev.oauth2jwt.bearer.control.BearerCheck;
import dev.oauth2jwt.bearer.control.BearerCheck.Origin;
import dev.oauth2jwt.bearer.control.BearerCheck.Outcome;
import dev.oauth2jwt.bearer.control.BearerCheck.Requirement;
import dev.oauth2jwt.bearer.control.CurrentCaller;
import dev.oauth2jwt.http.boundary.FormBody;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.function.Supplier;

/**
 * The token check of one resource method, in HTTP: {@link BearerCheck} decides; this filter
 * installs the admitted caller as the request's {@code SecurityContext} (and for
 * {@code @Inject JsonWebToken}), or aborts with {@link BearerAnswers}' refusal. {@link BearerFeature}
 * puts one on every method that needs it. Where allowed, the token may come in a form body instead
 * (RFC 6750 section 2.2), whose fields the method then does not read.
 */
final class BearerFilter implements ContainerRequestFilter {

    /** What the filter needs of the application, shared by all of them. */
    record Services(BearerCheck check, BearerAnswers answers, CurrentCaller currentCaller, Supplier<Origin> origin) {
    }

    private final Services services;
    private final Requirement requirement;
    private final boolean tokenInFormBodyAllowed;

    BearerFilter(Services services, Requirement requirement, boolean tokenInFormBodyAllowed) {
        this.services = services;
        this.requirement = requirement;
        this.tokenInFormBodyAllowed = tokenInFormBodyAllowed;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (tokenInFormBodyAllowed && request.getMediaType() != null
                && MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType())) {
            List<String> inBody = FormBody.read(request.getMediaType(), request.getLength(), request.getEntityStream()).get("access_token");
            if (inBody != null) {
                if (authorization != null || inBody.size() != 1) {
                    // RFC 6750 section 2: one way per request, one token
                    request.abortWith(services.answers().challenge(400, "Send the access token one way only", List.of(),
                            "invalid_request"));
                    return;
                }
                authorization = "Bearer " + inBody.get(0);
            }
        }
        Outcome outcome = services.check().check(authorization, requirement, services.origin());
        if (outcome instanceof Outcome.Admitted admitted) {
            services.currentCaller().admit(admitted.caller());
            request.setSecurityContext(new BearerSecurityContext(admitted.caller(), request.getSecurityContext()));
        } else {
            request.abortWith(services.answers().refusal(outcome, requirement.scopes(), BearerAnswers.Reader.API));
        }
    }
}
