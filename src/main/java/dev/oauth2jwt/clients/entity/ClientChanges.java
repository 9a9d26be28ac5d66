package dev.oauth2jwt.clients.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A validated partial update: only the fields given change. */
@Schema(name = "ClientUpdate", description = "Only the fields given change; the client type cannot.")
public record ClientChanges(@Schema(enumeration = {"me", "items", "admin"}) Set<String> scopes,
                            @JsonbProperty("grant_types") @Schema(enumeration = {"client_credentials", "authorization_code"})
                            Set<String> grantTypes,
                            @JsonbProperty("redirect_uris") List<String> redirectUris,
                            @JsonbProperty("post_logout_redirect_uris") List<String> postLogoutRedirectUris,
                            @JsonbProperty("require_pkce") Boolean requirePkce,
                            @JsonbProperty("require_mfa") Boolean requireMfa,
                            @JsonbProperty("backchannel_logout_uri") @Schema(type = SchemaType.STRING, nullable = true,
                                    description = "null removes it.") Optional<String> backchannelLogoutUri,
                            @JsonbProperty("backchannel_logout_session_required") Boolean backchannelLogoutSessionRequired,
                            @JsonbProperty("frontchannel_logout_uri") @Schema(type = SchemaType.STRING, nullable = true,
                                    description = "null removes it.") Optional<String> frontchannelLogoutUri,
                            @JsonbProperty("frontchannel_logout_session_required") Boolean frontchannelLogoutSessionRequired) {

    /** A change of a service account's scopes or grants only. */
    public ClientChanges(Set<String> scopes, Set<String> grantTypes) {
        this(scopes, grantTypes, null, null, null, null, null, null, null, null);
    }
}
