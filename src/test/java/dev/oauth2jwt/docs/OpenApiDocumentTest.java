package dev.oauth2jwt.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.access.Authenticated;
import dev.oauth2jwt.access.RequiresScopes;
import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.status.boundary.StatusResource;
import dev.oauth2jwt.sso.boundary.LogoutResource;
import dev.oauth2jwt.sso.boundary.UserInfoResource;
import dev.oauth2jwt.account.boundary.MeResource;
import dev.oauth2jwt.users.boundary.UsersResource;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the build generated (META-INF/openapi.json) validated with swagger-parser,
 * and checked against the code it was generated from.
 */
class OpenApiDocumentTest {

    static SwaggerParseResult parsed;
    static OpenAPI openApi;

    @BeforeAll
    static void parse() throws IOException {
        String json;
        try (InputStream in = OpenApiDocumentTest.class.getClassLoader().getResourceAsStream("META-INF/openapi.json")) {
            assertNotNull(in, "the build generates META-INF/openapi.json");
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        parsed = new OpenAPIV3Parser().readContents(json, null, options);
        openApi = parsed.getOpenAPI();
    }

    @Test
    void isAValidOpenApi3Document() {
        assertEquals(List.of(), parsed.getMessages(), "validation messages");
        assertTrue(openApi.getOpenapi().startsWith("3."), openApi.getOpenapi());
    }

    @Test
    void declaresFastApisPasswordFlowWithEveryScope() {
        var scheme = openApi.getComponents().getSecuritySchemes().get("OAuth2PasswordBearer");
        OAuthFlow password = scheme.getFlows().getPassword();

        assertEquals("oauth2", scheme.getType().toString());
        assertEquals("token", password.getTokenUrl());
        Map<String, String> expected = new LinkedHashMap<>();
        for (Scope scope : Scope.values()) {
            expected.put(scope.value(), scope.description());
        }
        assertEquals(expected, new LinkedHashMap<>(password.getScopes()));
    }

    @Test
    void eachProtectedOperationListsTheScopesItsResourceRequires() {
        Map<String, List<String>> declared = new LinkedHashMap<>();
        for (Class<?> resource : List.of(MeResource.class, UsersResource.class, StatusResource.class, LogoutResource.class,
                UserInfoResource.class)) {
            for (Method method : resource.getDeclaredMethods()) {
                if (Arrays.stream(method.getAnnotations()).noneMatch(a -> a.annotationType().isAnnotationPresent(jakarta.ws.rs.HttpMethod.class))) {
                    continue;
                }
                RequiresScopes scopes = method.isAnnotationPresent(RequiresScopes.class) ? method.getAnnotation(RequiresScopes.class)
                        : resource.getAnnotation(RequiresScopes.class);
                if (!resource.isAnnotationPresent(Authenticated.class) && !method.isAnnotationPresent(Authenticated.class)) {
                    assertEquals(LogoutResource.class, resource, method + " is unprotected");   // GET /logout: a browser's
                    continue;
                }
                String httpMethod = Arrays.stream(method.getAnnotations())
                        .map(a -> a.annotationType().getAnnotation(jakarta.ws.rs.HttpMethod.class))
                        .filter(java.util.Objects::nonNull).findFirst().orElseThrow().value();
                declared.put(httpMethod + " " + path(resource, method), scopes == null ? List.of() : List.of(scopes.value()));
            }
        }
        assertEquals(14, declared.size(), declared::toString);
        declared.forEach((operation, scopes) -> {
            String[] parts = operation.split(" ");
            Operation documented = operation(parts[1], parts[0]);
            assertNotNull(documented, operation);
            List<SecurityRequirement> security = documented.getSecurity();
            assertNotNull(security, operation + " lists its security");
            assertEquals(scopes, security.get(0).get("OAuth2PasswordBearer"), operation);
        });
    }

    @Test
    void theTokenServicesProtectedOperationsListTheAdminScope() {
        for (String operation : List.of("POST /clients", "GET /clients", "GET /clients/{clientId}", "PATCH /clients/{clientId}",
                "DELETE /clients/{clientId}", "POST /clients/{clientId}/secret", "POST /keys/rotate")) {
            String[] parts = operation.split(" ");
            Operation documented = operation(parts[1], parts[0]);
            assertNotNull(documented, operation);
            assertEquals(List.of("admin"), documented.getSecurity().get(0).get("OAuth2PasswordBearer"), operation);
        }
        for (String path : List.of("/.well-known/jwks.json", "/.well-known/openid-configuration",
                "/.well-known/oauth-authorization-server", "/introspect", "/auth/verify")) {
            assertTrue(openApi.getPaths().containsKey(path), path + " is documented");
        }
    }

    @Test
    void theTokenFormIsDocumentedFieldByField() {
        var body = operation("/token", "POST").getRequestBody().getContent().get("application/x-www-form-urlencoded");
        assertNotNull(body);
        Schema<?> password = openApi.getComponents().getSchemas().get("PasswordGrantRequest");
        assertEquals(new ArrayList<>(List.of("grant_type", "username", "password", "scope", "client_id", "client_secret")),
                new ArrayList<>(password.getProperties().keySet()));
        assertEquals("^password$", password.getProperties().get("grant_type").getPattern());
        assertEquals("password", password.getProperties().get("password").getFormat());
        assertEquals("password", password.getProperties().get("client_secret").getFormat());
        assertEquals(java.util.Set.of("username", "password"), java.util.Set.copyOf(password.getRequired()));
        assertEquals(4, body.getSchema().getOneOf().size(),
                "the password grant, the refresh grant, the client credentials grant or the authorization code grant");
    }

    @Test
    void theFormTheServerReadsIsTheFormTheDocumentShows() throws Exception {
        var fields = dev.oauth2jwt.grants.control.PasswordGrantForm.class.getDeclaredField("FIELDS");
        fields.setAccessible(true);
        assertEquals(fields.get(null),
                new ArrayList<>(openApi.getComponents().getSchemas().get("PasswordGrantRequest").getProperties().keySet()));
    }

    @Test
    void answersNameTheirSchemas() {
        assertEquals("#/components/schemas/Token", schemaRef("/token", "POST", "200"));
        assertEquals("#/components/schemas/HTTPValidationError", schemaRef("/token", "POST", "422"));
        assertEquals("#/components/schemas/HTTPError", schemaRef("/token", "POST", "401"));
        assertEquals("#/components/schemas/User", schemaRef("/users/me/", "GET", "200"));
        assertEquals("#/components/schemas/HTTPError", schemaRef("/users/me/", "GET", "401"));
        Schema<?> user = openApi.getComponents().getSchemas().get("User");
        assertEquals(List.of("username", "email", "full_name", "disabled"), new ArrayList<>(user.getProperties().keySet()));
    }

    @Test
    void pathsKeepTheirDeclaredTrailingSlash() {
        assertTrue(openApi.getPaths().containsKey("/users/me/"));
        assertTrue(openApi.getPaths().containsKey("/users/me/items/"));
        assertTrue(openApi.getPaths().containsKey("/status/"));
        assertTrue(openApi.getPaths().containsKey("/token"));
        assertTrue(!openApi.getPaths().containsKey("/docs") && !openApi.getPaths().containsKey("/openapi.json"),
                "the docs are not part of the API");
    }

    private String schemaRef(String path, String method, String status) {
        return operation(path, method).getResponses().get(status).getContent().get("application/json").getSchema().get$ref();
    }

    private static Operation operation(String path, String method) {
        PathItem item = openApi.getPaths().get(path);
        return item == null ? null : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
    }

    private static String path(Class<?> resource, Method method) {
        String base = "/" + resource.getAnnotation(Path.class).value().replaceAll("^/+|/+$", "");
        Path onMethod = method.getAnnotation(Path.class);
        String full = onMethod == null ? "/" + resource.getAnnotation(Path.class).value() : base + "/" + onMethod.value();
        return full.replaceAll("/+", "/");
    }
}
