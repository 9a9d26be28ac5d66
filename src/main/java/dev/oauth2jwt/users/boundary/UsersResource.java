package dev.oauth2jwt.users.boundary;

import dev.oauth2jwt.access.Authenticated;
import dev.oauth2jwt.access.RequiresScopes;
import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.errors.boundary.ApiException;
import dev.oauth2jwt.errors.entity.ErrorDetail;
import dev.oauth2jwt.errors.entity.ValidationErrors;
import dev.oauth2jwt.http.boundary.JsonBody;
import dev.oauth2jwt.http.boundary.QueryParameters;
import dev.oauth2jwt.http.boundary.RequestUrls;
import dev.oauth2jwt.http.boundary.ClientAddresses;
import dev.oauth2jwt.monitoring.AuditLog;
import dev.oauth2jwt.users.control.SecondFactors;
import dev.oauth2jwt.users.control.UserAdmin;
import dev.oauth2jwt.users.entity.NewUser;
import dev.oauth2jwt.users.entity.User;
import dev.oauth2jwt.users.entity.UserChanges;
import dev.oauth2jwt.users.entity.UserPage;
import dev.oauth2jwt.users.entity.UserRecord;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;

/** User administration, for callers with the {@code admin} scope. */
@ApplicationScoped
@Authenticated
@RequiresScopes("admin")
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = Scope.SECURITY_SCHEME, scopes = "admin")
@APIResponse(responseCode = "401", description = "Not authenticated, could not validate credentials, or not enough permissions.",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
public class UsersResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    @Inject
    UserAdmin admin;

    @Inject
    SecondFactors factors;

    @Inject
    AuditLog audit;

    @Inject
    ClientAddresses clientAddresses;

    @POST
    @Operation(summary = "Create a user")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewUser.class)))
    @APIResponse(responseCode = "201", description = "Created; Location names it.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserRecord.class)))
    @APIResponse(responseCode = "409", description = "User already exists.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    @APIResponse(responseCode = "422", description = "Validation Error",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationErrors.class)))
    public Response create(@Context HttpHeaders headers, @Context UriInfo uri, InputStream body) {
        User user = admin.create(UserJson.newUser(JsonBody.read(headers.getMediaType(), headers.getLength(), body),
                        admin::importProblem))
                .orElseThrow(() -> new ApiException(409, "User already exists"));
        return Response.created(RequestUrls.asRequested(uri.getBaseUriBuilder().path("users").path(user.username()).build(),
                        headers.getHeaderString(HttpHeaders.HOST)))
                .entity(admin.record(user))
                .build();
    }

    @GET
    @Operation(summary = "List users", description = "Ordered by username.")
    @Parameter(name = "offset", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
    @Parameter(name = "limit", in = ParameterIn.QUERY,
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
    @APIResponse(responseCode = "200", description = "A page of users.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserPage.class)))
    @APIResponse(responseCode = "422", description = "Validation Error",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationErrors.class)))
    public UserPage list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        QueryParameters.Page page = QueryParameters.page(offset, limit, DEFAULT_LIMIT, MAX_LIMIT);
        return admin.page(page.offset(), page.limit());
    }

    @GET
    @Path("{username}")
    @Operation(summary = "Read a user")
    @APIResponse(responseCode = "200", description = "The account.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserRecord.class)))
    @APIResponse(responseCode = "404", description = "User not found.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public UserRecord get(@PathParam("username") String username) {
        return admin.record(admin.find(username).orElseThrow(UsersResource::notFound));
    }

    @PATCH
    @Path("{username}")
    @Operation(summary = "Update a user", description = "A new password or disabling revokes the user's tokens.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserChanges.class)))
    @APIResponse(responseCode = "200", description = "The updated account.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserRecord.class)))
    @APIResponse(responseCode = "404", description = "User not found.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    @APIResponse(responseCode = "409", description = "A directory account's password, profile or scopes: they are the directory's.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    @APIResponse(responseCode = "422", description = "Validation Error",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationErrors.class)))
    public UserRecord update(@PathParam("username") String username, @Context HttpHeaders headers, InputStream body) {
        var changes = UserJson.changes(JsonBody.read(headers.getMediaType(), headers.getLength(), body));
        return admin.record(admin.update(username, changes).orElseThrow(UsersResource::notFound));
    }

    @DELETE
    @Path("{username}")
    @Operation(summary = "Delete a user")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "404", description = "User not found.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public Response delete(@PathParam("username") String username) {
        if (!admin.delete(username)) {
            throw notFound();
        }
        return Response.noContent().build();
    }

    @GET
    @Path("{username}/factors")
    @Operation(summary = "List a user's second factors", description = "Names and dates only: never a secret.")
    @APIResponse(responseCode = "200", description = "The factors and how many recovery codes are left.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FactorList.class)))
    @APIResponse(responseCode = "404", description = "User not found.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public FactorList factors(@PathParam("username") String username) {
        User user = admin.find(username).orElseThrow(UsersResource::notFound);
        return new FactorList(factors.list(user.id()).stream().map(FactorList.Factor::of).toList(),
                factors.recoveryCodesLeft(user.id()));
    }

    @DELETE
    @Path("{username}/factors")
    @Operation(summary = "Reset a user's second factors", description = "Removes every factor and recovery code: the user "
            + "enrols again (at the next login, when one is required). Their sessions go on.")
    @APIResponse(responseCode = "204", description = "Reset.")
    @APIResponse(responseCode = "404", description = "User not found.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public Response resetFactors(@PathParam("username") String username, @Context SecurityContext caller,
            @Context HttpServletRequest request) {
        User user = admin.find(username).orElseThrow(UsersResource::notFound);
        int removed = factors.reset(user.id());
        audit.account("second factors reset (" + removed + " removed)", user.username(), clientAddresses.of(request),
                "administrator " + caller.getUserPrincipal().getName());
        return Response.noContent().build();
    }

    private static ApiException notFound() {
        return new ApiException(404, "User not found");
    }
}
