package dev.oauth2jwt.clients.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A client as the admin API shows it; {@code client_secret} only in the answer that made the
 * secret (creation, rotation): it is shown that once and stored only as a hash.
 */
@Schema(name = "Client", description = "A registered client; client_secret only when it was just made.")
// Java and JSON names: JSON-B 3 (Yasson) orders by the first, Johnzon (TomEE) by the second
@JsonbPropertyOrder({"clientId", "client_id", "clientSecret", "client_secret", "scopes", "grantTypes", "grant_types",
        "clientType", "client_type", "redirectUris", "redirect_uris", "postLogoutRedirectUris", "post_logout_redirect_uris",
        "requirePkce", "require_pkce", "requireMfa", "require_mfa", "backchannelLogoutUri", "backchannel_logout_uri",
        "backchannelLogoutSessionRequired", "backchannel_logout_session_required", "frontchannelLogoutUri", "frontchannel_logout_uri",
        "frontchannelLogoutSessionRequired", "frontchannel_logout_session_required"})
@SuppressWarnings("deprecation")   // JsonbProperty.nillable: JSON-B 3 still honours it, as FactorList relies on
public record ClientRecord(@JsonbProperty("client_id") @Schema(required = true) String clientId,
                           @JsonbProperty("client_secret") @Schema(format = "password",
                                   description = "Only when it was just made; store it, it cannot be read again.")
                           String clientSecret,
                           @Schema(enumeration = {"me", "items", "admin"}) List<String> scopes,
                           @JsonbProperty("grant_types") @Schema(enumeration = {"client_credentials", "authorization_code"})
                           List<String> grantTypes,
                           @JsonbProperty("client_type") @Schema(enumeration = {"confidential", "public"}) String clientType,
                           @JsonbProperty("redirect_uris") List<String> redirectUris,
                           @JsonbProperty("post_logout_redirect_uris") List<String> postLogoutRedirectUris,
                           @JsonbProperty("require_pkce") boolean requirePkce,
                           @JsonbProperty("require_mfa") boolean requireMfa,
                           @JsonbProperty(value = "backchannel_logout_uri", nillable = true) @Schema(nullable = true)
                           String backchannelLogoutUri,
                           @JsonbProperty("backchannel_logout_session_required") boolean backchannelLogoutSessionRequired,
                           @JsonbProperty(value = "frontchannel_logout_uri", nillable = true) @Schema(nullable = true)
                           String frontchannelLogoutUri,
                           @JsonbProperty("frontchannel_logout_session_required") boolean frontchannelLogoutSessionRequired) {

    public static ClientRecord of(Client client) {
        return withSecret(client, null);
    }

    public static ClientRecord withSecret(Client client, String secret) {
        return new ClientRecord(client.clientId(), secret, List.copyOf(client.scopes()), List.copyOf(client.grantTypes()),
                client.clientType(), client.redirectUris(), client.postLogoutRedirectUris(), client.requirePkce(),
                client.requireMfa(), client.backchannelLogoutUri().orElse(null), client.backchannelLogoutSessionRequired(),
                client.frontchannelLogoutUri().orElse(null), client.frontchannelLogoutSessionRequired());
    }

    @Override
    public String toString() {
        return "ClientRecord[" + clientId + "]";
    }
}
