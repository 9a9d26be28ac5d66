package dev.oauth2jwt.discovery.boundary;

import dev.oauth2jwt.discovery.control.ServerMetadata;
import dev.oauth2jwt.keys.control.KeyManager;
import dev.oauth2jwt.http.boundary.RequestUrls;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.HeaderParam;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * What standard consumers read to trust our tokens without our code: the public keys (RFC 7517)
 * and the server's metadata (RFC 8414, and the same as OpenID Connect discovery). Answered from
 * memory, and cacheable: the key set for five minutes (a new key is published before it signs,
 * so a cached set never misses the key of a fresh token), the metadata for an hour.
 */
@ApplicationScoped
@Path(".well-known")
@Produces(MediaType.APPLICATION_JSON)
public class WellKnownResource {

    static final int KEYS_MAX_AGE_SECONDS = 300;
    static final int METADATA_MAX_AGE_SECONDS = 3600;

    @Inject
    KeyManager keys;

    @Inject
    ServerMetadata metadata;

    @GET
    @Path("jwks.json")
    @Operation(summary = "The public keys", description = "RFC 7517: the keys in use, the next one and those still accepted; "
            + "{\"keys\":[]} with HS256, whose secret is never published.")
    @APIResponse(responseCode = "200", description = "The JSON Web Key Set.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response jwks() {
        return cached(keys.jwks(), KEYS_MAX_AGE_SECONDS);
    }

    @GET
    @Path("oauth-authorization-server")
    @Operation(summary = "Authorization server metadata", description = "RFC 8414.")
    @APIResponse(responseCode = "200", description = "The metadata.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response authorizationServer(@Context UriInfo uri, @HeaderParam(HttpHeaders.HOST) String host) {
        return metadata(uri, host);
    }

    @GET
    @Path("openid-configuration")
    @Operation(summary = "OpenID Connect discovery", description = "The same metadata, where OpenID Connect libraries look.")
    @APIResponse(responseCode = "200", description = "The metadata.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response openidConfiguration(@Context UriInfo uri, @HeaderParam(HttpHeaders.HOST) String host) {
        return metadata(uri, host);
    }

    /** One document at both addresses, with the URLs the client asked for. */
    private Response metadata(UriInfo uri, String host) {
        return cached(metadata.document(RequestUrls.asRequested(uri.getBaseUri(), host)), METADATA_MAX_AGE_SECONDS);
    }

    private static Response cached(String json, int maxAgeSeconds) {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(maxAgeSeconds);
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).cacheControl(cache).build();
    }
}
