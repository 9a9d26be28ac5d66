package dev.oauth2jwt.clients.boundary;

import dev.oauth2jwt.access.Authenticated;
import dev.oauth2jwt.access.RequiresScopes;
import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.clients.control.ClientAdmin;
import dev.oauth2jwt.clients.entity.ClientChanges;
import dev.oauth2jwt.clients.entity.ClientPage;
import dev.oauth2jwt.clients.entity.ClientRecord;
import dev.oauth2jwt.clients.entity.NewClient;
import dev.oauth2jwt.errors.boundary.ApiException;
import dev.oauth2jwt.errors.entity.ErrorDetail;
import dev.oauth2jwt.errors.entity.ValidationErrors;
import dev.oauth2jwt.http.boundary.JsonBody;
import dev.oauth2jwt.http.boundary.QueryParameters;
import dev.oauth2jwt.http.boundary.RequestUrls;
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
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Registered OAuth2 clients (service accounts), for callers with the {@code admin} scope; shaped like {@code /users}. */
@ApplicationScoped
@Authenticated
@RequiresScopes("admin")
@Path("clients")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = Scope.SECURITY_SCHEME, scopes = "admin")
@APIResponse(responseCode = "401", description = "Not authenticated, could not validate credentials, or not enough permissions.",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
public class ClientsResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    @Inject
    ClientAdmin admin;

    @POST
    @Operation(summary = "Register a client", description = "The answer holds the client_secret, shown this once.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewClient.class)))
    @APIResponse(responseCode = "201", description = "Registered; Location names it.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientRecord.class)))
    @APIResponse(responseCode = "409", description = "Client already exists.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    @APIResponse(responseCode = "422", description = "Validation Error",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationErrors.class)))
    public Response create(@Context HttpHeaders headers, @Context UriInfo uri, InputStream body) {
        ClientRecord client = admin.create(ClientJson.newClient(JsonBody.read(headers.getMediaType(), headers.getLength(), body)))
                .orElseThrow(() -> new ApiException(409, "Client already exists"));
        return Response.created(RequestUrls.asRequested(uri.getBaseUriBuilder().path("clients").path(client.clientId()).build(),
                        headers.getHeaderString(HttpHeaders.HOST)))
                .entity(client)
                .build();
    }

    @GET
    @Operation(summary = "List clients", description = "Ordered by client id.")
    @Parameter(name = "offset", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
    @Parameter(name = "limit", in = ParameterIn.QUERY,
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
    @APIResponse(responseCode = "200", description = "A page of clients.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientPage.class)))
    @APIResponse(responseCode = "422", description = "Validation Error",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationErrors.class)))
    public ClientPage list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        QueryParameters.Page page = QueryParameters.page(offset, limit, DEFAULT_LIMIT, MAX_LIMIT);
        return admin.page(page.offset(), page.limit());
    }

    @GET
    @Path("{clientId}")
    @Operation(summary = "Read a client")
    @APIResponse(responseCode = "200", description = "The client, never its secret.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientRecord.class)))
    @APIResponse(responseCode = "404", description = "Client not found.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public ClientRecord get(@PathParam("clientId") String clientId) {
        return ClientRecord.of(admin.find(clientId).orElseThrow(ClientsResource::notFound));
    }

    @PATCH
    @Path("{clientId}")
    @Operation(summary = "Update a client", description = "Taking a scope away takes it from the client's tokens at once.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientChanges.class)))
    @APIResponse(responseCode = "200", description = "The updated client.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientRecord.class)))
    @APIResponse(responseCode = "404", description = "Client not found.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    @APIResponse(responseCode = "422", description = "Validation Error",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationErrors.class)))
    public ClientRecord update(@PathParam("clientId") String clientId, @Context HttpHeaders headers, InputStream body) {
        ClientChanges changes = ClientJson.changes(JsonBody.read(headers.getMediaType(), headers.getLength(), body));
        ClientJson.checkConsistent(admin.find(clientId).orElseThrow(ClientsResource::notFound), changes);
        return ClientRecord.of(admin.update(clientId, changes).orElseThrow(ClientsResource::notFound));
    }

    @POST
    @Path("{clientId}/secret")
    @Operation(summary = "Rotate a client's secret", description = "A new secret, shown this once; the old one and the tokens got with it stop working.")
    @APIResponse(responseCode = "200", description = "The client with its new secret.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientRecord.class)))
    @APIResponse(responseCode = "404", description = "Client not found.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    @APIResponse(responseCode = "409", description = "A public client has no secret.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public Response rotateSecret(@PathParam("clientId") String clientId) {
        if (admin.find(clientId).orElseThrow(ClientsResource::notFound).isPublic()) {
            throw new ApiException(409, "A public client has no secret");
        }
        return Response.ok(admin.rotateSecret(clientId).orElseThrow(ClientsResource::notFound))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @DELETE
    @Path("{clientId}")
    @Operation(summary = "Delete a client", description = "Its tokens stop working.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "404", description = "Client not found.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorDetail.class)))
    public Response delete(@PathParam("clientId") String clientId) {
        if (!admin.delete(clientId)) {
            throw notFound();
        }
        return Response.noContent().build();
    }

    private static ApiException notFound() {
        return new ApiException(404, "Client not found");
    }
}
