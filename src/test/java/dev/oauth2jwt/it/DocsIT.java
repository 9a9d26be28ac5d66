package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.Deployments;
import dev.oauth2jwt.it.support.DefaultServerTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * /docs, its files and /openapi.json, served by the application itself; and, in the default HS256
 * mode, the discovery documents, which must never publish the secret.
 */
class DocsIT extends DefaultServerTest {

    @Test
    void theOpenApiDocumentIsTheOneTheBuildGenerated() throws Exception {
        Api.Answer answer = api.get("/openapi.json");

        assertEquals(200, answer.status());
        assertTrue(answer.header("content-type").startsWith("application/json"));
        try (InputStream built = getClass().getClassLoader().getResourceAsStream("META-INF/openapi.json")) {
            assertArrayEquals(built.readAllBytes(), answer.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void docsIsSwaggerUiOnTheDocumentWithNothingFromElsewhere() {
        Api.Answer page = api.get("/docs");

        assertEquals(200, page.status());
        assertTrue(page.header("content-type").startsWith("text/html"));
        assertTrue(page.body().contains("<script src=\"docs/swagger-ui-bundle.js\"></script>"), page.body());
        assertTrue(!page.body().contains("http"), "no absolute URL: nothing from a CDN");
        assertTrue(page.header("content-security-policy").startsWith("default-src 'self'"), page.header("content-security-policy"));

        String initializer = api.get("/docs/swagger-initializer.js").body();
        assertTrue(initializer.contains("'openapi.json'") && initializer.contains("validatorUrl: null")
                && initializer.contains("'docs/oauth2-redirect'"), initializer);
    }

    @Test
    void swaggerUisFilesAreServedWithTheirTypes() {
        Api.Answer script = api.get("/docs/swagger-ui-bundle.js");
        assertEquals(200, script.status());
        assertTrue(script.header("content-type").startsWith("text/javascript"));
        assertTrue(script.body().length() > 100_000);
        assertTrue(api.get("/docs/swagger-ui.css").header("content-type").startsWith("text/css"));

        Api.Answer redirect = api.get("/docs/oauth2-redirect");
        assertEquals(200, redirect.status());
        assertTrue(redirect.body().contains("oauth2-redirect.js"));
        assertEquals(200, api.get("/docs/oauth2-redirect.js").status());
    }

    @Test
    void onlyThoseFiles() {
        for (String path : new String[]{"/docs/index.html", "/docs/swagger-ui.js.map", "/docs/..%2Fpom.properties", "/docs/missing.js"}) {
            Api.Answer answer = api.get(path);
            if (Deployments.onTomEE() && path.contains("%2F")) {
                // Tomcat refuses an encoded slash itself, before the application: not served either
                assertEquals(400, answer.status(), path);
                continue;
            }
            assertEquals(404, answer.status(), path);
            assertEquals("{\"detail\":\"Not Found\"}", answer.body(), path);
        }
    }

    @Test
    void theServersOwnOpenApiEndpointIsNotInTheApplicationsPaths() {
        // FastAPI has no /openapi; each server's MicroProfile OpenAPI would add its own servlet there
        // in a root-context application (Payara's with an empty document and a WADL, TomEE's with a
        // 500 when the request has no Accept header)
        for (String path : new String[]{"/openapi", "/openapi/", "/openapi/application.wadl"}) {
            Api.Answer answer = api.get(path);
            assertEquals(404, answer.status(), path);
            assertEquals("{\"detail\":\"Not Found\"}", answer.body(), path);
        }
    }

    @Test
    void theRootAndTheSlashFormLeadToTheDocs() {
        Api.Answer root = api.get("/");
        assertEquals(307, root.status());
        assertEquals(api.uri("/docs").toString(), root.header("location"));

        Api.Answer slash = api.get("/docs/");
        assertEquals(307, slash.status());
        assertEquals(api.uri("/docs").toString(), slash.header("location"));
    }

    @Test
    void inHs256ModeTheKeySetIsEmptyTheSecretIsNeverPublished() {
        Api.Answer keys = api.get("/.well-known/jwks.json");

        assertEquals(200, keys.status());
        assertEquals("{\"keys\":[]}", keys.body());
        assertTrue(!keys.body().contains(Deployments.JWT_SECRET));
    }

    @Test
    void inHs256ModeTheMetadataNamesTheEndpointsUnderTheRequestsBase() {
        Api.Answer answer = api.get("/.well-known/oauth-authorization-server");

        assertEquals(200, answer.status());
        jakarta.json.JsonObject metadata = answer.json().asJsonObject();
        assertEquals("oauth2-jwt", metadata.getString("issuer"), "JWT_ISSUER, as in the tokens");
        assertEquals(api.uri("/token").toString(), metadata.getString("token_endpoint"));
        assertEquals(api.uri("/.well-known/jwks.json").toString(), metadata.getString("jwks_uri"));
        assertEquals("[\"HS256\"]", metadata.getJsonArray("id_token_signing_alg_values_supported").toString());
        assertEquals(answer.body(), api.get("/.well-known/openid-configuration").body());
    }

    @Test
    void inHs256ModeKeysAreRotatedInTheConfigurationNotByRequest() {
        String admin = api.login("admin-user", "janes-password", "me admin").getString("access_token");

        Api.Answer answer = api.post("/keys/rotate", new byte[0], "Authorization", "Bearer " + admin);

        assertEquals(409, answer.status(), answer::toString);
        assertTrue(answer.body().startsWith("{\"detail\":\"The keys come from configuration"), answer.body());
    }
}
