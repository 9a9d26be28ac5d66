package dev.oauth2jwt.auth.boundary;

import dev.oauth2jwt.auth.control.BearerCheck;
import dev.oauth2jwt.auth.control.BearerCheck.Outcome;
import dev.oauth2jwt.auth.control.BearerCheck.Requirement;
import dev.oauth2jwt.errors.boundary.ErrorResponses;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import dev.oauth2jwt.http.boundary.FormBody;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The token check of one resource method, translated to HTTP: {@link BearerCheck} decides, this
 * filter answers FastAPI's statuses, bodies and {@code WWW-Authenticate} challenges, or installs
 * the admitted caller as the request's {@code SecurityContext}. {@link BearerFeature} puts one on
 * every method that needs it. Where allowed, the token may come in a form body instead (RFC 6750
 * section 2.2), whose fields the method then does not read.
 */
final class BearerFilter implements ContainerRequestFilter {

    private final BearerCheck check;
    private final Requirement requirement;
    private final boolean rfc6750;
    private final boolean tokenInFormBodyAllowed;

    BearerFilter(BearerCheck check, Requirement requirement, boolean rfc6750, boolean tokenInFormBodyAllowed) {
        this.check = check;
        this.requirement = requirement;
        this.rfc6750 = rfc6750;
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
                    request.abortWith(challenge(400, "Send the access token one way only", List.of(), "invalid_request"));
                    return;
                }
                authorization = "Bearer " + inBody.get(0);
            }
        }
        Outcome outcome = check.check(authorization, requirement);
        if (outcome instanceof Outcome.Admitted admitted) {
            request.setSecurityContext(new BearerSecurityContext(admitted.caller(), request.getSecurityContext()));
        } else if (outcome instanceof Outcome.NotAuthenticated) {
            request.abortWith(challenge(401, "Not authenticated", List.of(), null));
        } else if (outcome instanceof Outcome.Refused refused) {
            request.abortWith(challenge(401, "Could not validate credentials", requirement.scopes(),
                    refused.malformed() ? "invalid_request" : "invalid_token"));
        } else if (outcome instanceof Outcome.MissingScope) {
            request.abortWith(challenge(rfc6750 ? 403 : 401, "Not enough permissions", requirement.scopes(), "insufficient_scope"));
        } else {
            request.abortWith(ErrorResponses.of(400, "Inactive user").build());
        }
    }

    private Response challenge(int status, String detail, List<String> scopes, String error) {
        return Challenges.bearer(status, detail, scopes, error, rfc6750);
    }
}
