package dev.oauth2jwt.discovery.control;

import dev.oauth2jwt.json.Jsonp;
import dev.oauth2jwt.grants.control.Grants;
import dev.oauth2jwt.tokens.control.TokenSettings;
import dev.oauth2jwt.tokens.control.UserClaims;

import dev.oauth2jwt.access.AuthenticationMethods;
import dev.oauth2jwt.access.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.util.List;

/**
 * The authorization server's metadata (RFC 8414), also served as OpenID Connect discovery: where
 * the endpoints and the key set are, what is supported. Built from the typed settings and the grants found: the issuer
 * ({@code JWT_ISSUER}) is the base of every URL, which is why an asymmetric algorithm needs it to
 * be the public base URL; with the default HS256 issuer, which is no URL, the request's own base is used.
 */
@ApplicationScoped
public class ServerMetadata {

    /** What ID tokens, userinfo and access tokens may carry (the user's claims of {@link UserClaims} among them). */
    static final List<String> CLAIMS = List.of("iss", "sub", "aud", "exp", "iat", "jti", "scope", "groups", "upn", "sid",
            "client_id", "azp", "nonce", "auth_time", "acr", "amr", "at_hash", "name", "preferred_username", "updated_at", "email",
            "email_verified");

    @Inject
    TokenSettings settings;

    @Inject
    Grants grants;

    /** The metadata document, for requests that arrived at {@code requestBase} (used only when the issuer is no URL). */
    public String document(URI requestBase) {
        String issuer = settings.issuer();
        String base = (TokenSettings.isUrl(issuer) ? issuer : requestBase.toString()).replaceAll("/+$", "");
        JsonObjectBuilder metadata = Jsonp.PROVIDER.createObjectBuilder()
                .add("issuer", issuer)
                .add("authorization_endpoint", base + "/authorize")
                .add("token_endpoint", base + "/token")
                .add("userinfo_endpoint", base + "/userinfo")
                .add("end_session_endpoint", base + "/logout")
                .add("jwks_uri", base + "/.well-known/jwks.json")
                .add("revocation_endpoint", base + "/revoke")
                .add("introspection_endpoint", base + "/introspect")
                .add("grant_types_supported", array(grants.types()))
                .add("scopes_supported", array(scopes()))
                // the password and refresh grants need no client; the client credentials grant and introspection do
                .add("token_endpoint_auth_methods_supported", array(List.of("client_secret_basic", "client_secret_post", "none")))
                .add("revocation_endpoint_auth_methods_supported", array(List.of("client_secret_basic", "client_secret_post", "none")))
                .add("introspection_endpoint_auth_methods_supported", array(List.of("client_secret_basic", "client_secret_post")))
                .add("response_types_supported", array(List.of("code")))
                .add("response_modes_supported", array(List.of("query")))
                .add("code_challenge_methods_supported", array(List.of("S256")))
                .add("prompt_values_supported", array(List.of("none", "login")))
                .add("authorization_response_iss_parameter_supported", true)
                // OpenID Connect Discovery's default for request_uri is true: say no, as the endpoint does
                .add("request_parameter_supported", false)
                .add("request_uri_parameter_supported", false)
                .add("subject_types_supported", array(List.of("public")))
                .add("id_token_signing_alg_values_supported", array(List.of(settings.algorithm().jws())))
                .add("token_endpoint_auth_signing_alg_values_supported", array(List.of(settings.algorithm().jws())))
                .add("claims_supported", array(CLAIMS))
                .add("claims_parameter_supported", true)
                .add("claim_types_supported", array(List.of("normal")))
                .add("acr_values_supported", array(AuthenticationMethods.ACR_VALUES))
                // Back-Channel Logout 1.0 section 2.1 (logout tokens are signed as ID tokens are); Front-Channel Logout 1.0 section 3
                .add("backchannel_logout_supported", settings.signsIdTokens())
                .add("backchannel_logout_session_supported", settings.signsIdTokens())
                .add("frontchannel_logout_supported", true)
                .add("frontchannel_logout_session_supported", true)
                .add("service_documentation", base + "/docs");
        return metadata.build().toString();
    }

    /** The API's scopes, and OpenID Connect's where ID tokens can be signed (not with HS256). */
    private List<String> scopes() {
        List<String> scopes = new java.util.ArrayList<>(Scope.names());
        if (settings.signsIdTokens()) {
            scopes.addAll(Scope.IDENTITY);
        }
        return scopes;
    }

    private static JsonArrayBuilder array(List<String> values) {
        JsonArrayBuilder array = Jsonp.PROVIDER.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }
}
