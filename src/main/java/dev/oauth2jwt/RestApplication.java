package dev.oauth2jwt;

import dev.oauth2jwt.access.Scope;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.OAuthFlow;
import org.eclipse.microprofile.openapi.annotations.security.OAuthFlows;
import org.eclipse.microprofile.openapi.annotations.security.OAuthScope;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The whole API lives at the context root, as in the FastAPI program. */
@ApplicationPath("/")
@OpenAPIDefinition(
        info = @Info(title = "oauth2-jwt", version = "0.1.0",
                description = "OAuth2 password login with JWT bearer tokens: FastAPI's tutorial program on Jakarta EE."),
        components = @Components(securitySchemes = @SecurityScheme(
                securitySchemeName = Scope.SECURITY_SCHEME,
                type = SecuritySchemeType.OAUTH2,
                flows = @OAuthFlows(password = @OAuthFlow(tokenUrl = "token", refreshUrl = "token", scopes = {
                        @OAuthScope(name = "me", description = Scope.ME_DESCRIPTION),
                        @OAuthScope(name = "items", description = Scope.ITEMS_DESCRIPTION),
                        @OAuthScope(name = "admin", description = Scope.ADMIN_DESCRIPTION)}),
                        authorizationCode = @OAuthFlow(authorizationUrl = "authorize", tokenUrl = "token", refreshUrl = "token",
                                scopes = {
                                        @OAuthScope(name = "me", description = Scope.ME_DESCRIPTION),
                                        @OAuthScope(name = "items", description = Scope.ITEMS_DESCRIPTION),
                                        @OAuthScope(name = "admin", description = Scope.ADMIN_DESCRIPTION),
                                        @OAuthScope(name = "openid", description = "OpenID Connect: an ID token (RS256 or ES256 only)."),
                                        @OAuthScope(name = "profile", description = "OpenID Connect: your name."),
                                        @OAuthScope(name = "email", description = "OpenID Connect: your e-mail address.")})))))
public class RestApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        // No generated WADL: OPTIONS answers like FastAPI (see http.boundary.ResponseDefaults).
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
