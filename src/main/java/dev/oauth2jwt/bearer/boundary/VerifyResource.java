package dev.oauth2jwt.bearer.boundary;

import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.bearer.control.BearerCheck;
import dev.oauth2jwt.bearer.control.BearerCheck.Origin;
import dev.oauth2jwt.bearer.control.BearerCheck.Outcome;
import dev.oauth2jwt.http.boundary.ClientAddresses;
import dev.oauth2jwt.bearer.control.BearerCheck.Requirement;
import dev.oauth2jwt.errors.entity.ErrorDetail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code GET /auth/verify}, for reverse proxies (nginx {@code auth_request}, Traefik forward-auth):
 * the request's bearer token checked as at {@code /users/me/} (a client's own token too), answered
 * {@code 200} with {@code X-Auth-User} (a user's token) or {@code X-Auth-Client} (a client's own) and
 * {@code X-Auth-Scopes} for the proxy to pass on, {@code 401}
 * with the usual challenge, or {@code 403} when a scope of {@code ?scope=} is missing or the user is
 * disabled (proxies understand 401 and 403, nothing else).
 */
@ApplicationScoped
@Path("auth/verify")
@Produces(MediaType.APPLICATION_JSON)
public class VerifyResource {

    @Inject
    BearerCheck check;

    @Inject
    BearerAnswers answers;

    @Inject
    ClientAddresses addresses;

    @GET
    @Operation(summary = "Check a bearer token for a reverse proxy",
            description = "200 with X-Auth-User and X-Auth-Scopes; 401 without a valid token; 403 without the scopes asked for.")
    @SecurityRequirement(name = Scope.SECURITY_SCHEME)
    @Parameter(name = "scope", in = ParameterIn.QUERY, description = "Space-separated scopes the token must carry.")
    @APIResponse(responseCode = "200", description = "Valid; X-Auth-User names the user (X-Auth-Client the client, for a "
            + "client's own token), X-Auth-Scopes its scopes.")
    @APIResponse(responseCode = "401", description = "Not authenticated, or could not validate credentials.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    @APIResponse(responseCode = "403", description = "Not enough permissions, or inactive user.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public Response verify(@Context HttpHeaders headers, @Context HttpServletRequest request, @QueryParam("scope") String scope) {
        List<String> scopes = List.copyOf(Scope.parse(scope));
        Outcome outcome = check.check(headers.getHeaderString(HttpHeaders.AUTHORIZATION), new Requirement(scopes, false, true),
                () -> new Origin(addresses.of(request), request.getRequestURI()));
        if (outcome instanceof Outcome.Admitted admitted) {
            // a client's own token names a client, never a user: an upstream trusting X-Auth-User cannot be fooled by a name
            return Response.ok()
                    .header(admitted.caller().isClient() ? "X-Auth-Client" : "X-Auth-User", admitted.caller().name())
                    .header("X-Auth-Scopes", String.join(" ", admitted.caller().scopes()))
                    .build();
        }
        return answers.refusal(outcome, scopes, BearerAnswers.Reader.PROXY);
    }
}
