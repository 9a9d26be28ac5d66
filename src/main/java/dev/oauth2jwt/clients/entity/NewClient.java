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
                        boolean requireMfa,
                        @JsonbProperty("backchannel_logout_uri") @Schema(nullable = true, description = "Where a signed logout "
                                + "token is POSTed when a browser login the app had tokens from ends (OpenID Connect Back-Channel "
                                + "Logout 1.0): https, or http for a confidential client.") String backchannelLogoutUri,
                        @JsonbProperty("backchannel_logout_session_required") @Schema(defaultValue = "false",
                                description = "Whether the app needs sid in logout tokens; it is always sent.")
                        boolean backchannelLogoutSessionRequired,
                        @JsonbProperty("frontchannel_logout_uri") @Schema(nullable = true, description = "What the logout page "
                                + "loads in a hidden frame, with iss and sid (OpenID Connect Front-Channel Logout 1.0): the "
                                + "scheme, host and port of one of its redirect_uris.") String frontchannelLogoutUri,
                        @JsonbProperty("frontchannel_logout_session_required") @Schema(defaultValue = "false",
                                description = "Whether the app needs iss and sid on its front-channel URI; they are always sent.")
                        boolean frontchannelLogoutSessionRequired) {

    /** A browser app told of logouts only by its tokens ending. */
    public NewClient(String clientId, Set<String> scopes, Set<String> grantTypes, String clientType, List<String> redirectUris,
            List<String> postLogoutRedirectUris, boolean requirePkce, boolean requireMfa) {
        this(clientId, scopes, grantTypes, clientType, redirectUris, postLogoutRedirectUris, requirePkce, requireMfa, null, false,
                null, false);
    }

    /** A service account: confidential, no browser. */
    public NewClient(String clientId, Set<String> scopes, Set<String> grantTypes) {
        this(clientId, scopes, grantTypes, Client.CONFIDENTIAL, List.of(), List.of(), true, false, null, false, null, false);
    }
}
