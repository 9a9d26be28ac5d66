package dev.oauth2jwt.clients.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A validated request to register a client; the server makes its secret (a confidential client's). */
@Schema(name = "ClientCreate", description = "The server makes the secret of a confidential client and shows it once.")
public record NewClient(@JsonbProperty("client_id") @Schema(required = true, pattern = Client.ID_PATTERN) String clientId,
                        @Schema(enumeration = {"me", "items", "admin"}, description = "What its tokens may carry; default none.")
                        Set<String> scopes,
                        @JsonbProperty("grant_types") @Schema(enumeration = {"client_credentials", "authorization_code"},
                                description = "Default: authorization_code with redirect_uris, else client_credentials.")
                        Set<String> grantTypes,
                        @JsonbProperty("client_type") @Schema(enumeration = {"confidential", "public"}, defaultValue = "confidential",
                                description = "public: a browser or native app that cannot keep a secret; it gets none.")
                        String clientType,
                        @JsonbProperty("redirect_uris") @Schema(description = "Where authorization codes may be sent, matched "
                                + "exactly: https, or http on localhost/127.0.0.1/[::1].") List<String> redirectUris,
                        @JsonbProperty("post_logout_redirect_uris") @Schema(description = "Where GET /logout may send the "
                                + "browser back to, matched exactly.") List<String> postLogoutRedirectUris,
                        @JsonbProperty("require_pkce") @Schema(defaultValue = "true", description = "false only for a "
                                + "confidential client whose library cannot do PKCE (nor must it send a nonce).")
                        boolean requirePkce,
                        @JsonbProperty("require_mfa") @Schema(defaultValue = "false", description = "true: everyone who logs in "
                                + "to it proves a second factor (enrolling one first if they have none).")
                        boolean requireMfa) {

    /** A service account: confidential, no browser. */
    public NewClient(String clientId, Set<String> scopes, Set<String> grantTypes) {
        this(clientId, scopes, grantTypes, Client.CONFIDENTIAL, List.of(), List.of(), true, false);
    }
}
