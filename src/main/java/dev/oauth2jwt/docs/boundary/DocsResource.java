package dev.oauth2jwt.docs.boundary;

import dev.oauth2jwt.docs.control.SwaggerUi;
import dev.oauth2jwt.errors.boundary.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /docs}: Swagger UI on {@code /openapi.json}, as FastAPI serves it, with the OAuth2
 * password flow wired to {@code /token} and the authorization code flow with PKCE to
 * {@code /authorize} (the built-in client {@code swagger-ui}); everything comes from this server.
 */
@ApplicationScoped
@Path("docs")
public class DocsResource {

    /** Only this server: no CDN, no validator badge, no fonts from elsewhere. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'";

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>oauth2-jwt - Swagger UI</title>
            <link type="text/css" rel="stylesheet" href="docs/swagger-ui.css">
            <link rel="icon" type="image/png" href="docs/favicon-32x32.png">
            </head>
            <body>
            <div id="swagger-ui"></div>
            <script src="docs/swagger-ui-bundle.js"></script>
            <script src="docs/swagger-initializer.js"></script>
            </body>
            </html>
            """;

    /** FastAPI's settings; relative URLs, so the page works under any context root. */
    private static final String INITIALIZER = """
            window.ui = SwaggerUIBundle({
              url: new URL('openapi.json', document.baseURI).href,
              dom_id: '#swagger-ui',
              layout: 'BaseLayout',
              deepLinking: true,
              showExtensions: true,
              showCommonExtensions: true,
              validatorUrl: null,
              persistAuthorization: false,
              oauth2RedirectUrl: new URL('docs/oauth2-redirect', document.baseURI).href,
              presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset]
            });
            // the authorization code flow: the server's built-in public client, with PKCE
            window.ui.initOAuth({ clientId: 'swagger-ui', usePkceWithAuthorizationCodeGrant: true });
            """;

    @Inject
    SwaggerUi swaggerUi;

    @GET
    @Operation(hidden = true)
    public Response page() {
        return Response.ok(PAGE, "text/html; charset=utf-8")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .build();
    }

    @GET
    @Path("swagger-initializer.js")
    @Operation(hidden = true)
    public Response initializer() {
        return Response.ok(INITIALIZER, "text/javascript; charset=utf-8").header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
    }

    /** FastAPI's {@code /docs/oauth2-redirect}, for the authorization-code flows Swagger UI supports. */
    @GET
    @Path("oauth2-redirect")
    @Operation(hidden = true)
    public Response oauth2Redirect() {
        return asset("oauth2-redirect.html");
    }

    @GET
    @Path("{file}")
    @Operation(hidden = true)
    public Response asset(@PathParam("file") String file) {
        SwaggerUi.Asset asset = swaggerUi.asset(file).orElseThrow(() -> new ApiException(404, "Not Found"));
        return Response.ok(asset.content(), asset.mediaType())
                // named by Swagger UI's version in the WAR: the same for as long as the deployment lives
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600")
                .build();
    }
}
