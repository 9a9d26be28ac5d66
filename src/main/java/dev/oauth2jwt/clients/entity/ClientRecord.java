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
@JsonbPropertyOrder({"clientId", "client_id", "clientSecret", "client_secret", "scopes", "grantTypes", "grant_types"})
public record ClientRecord(@JsonbProperty("client_id") @Schema(required = true) String clientId,
                           @JsonbProperty("client_secret") @Schema(format = "password",
                                   description = "Only when it was just made; store it, it cannot be read again.")
                           String clientSecret,
                           @Schema(enumeration = {"me", "items", "admin"}) List<String> scopes,
                           @JsonbProperty("grant_types") @Schema(enumeration = "client_credentials") List<String> grantTypes) {

    public static ClientRecord of(Client client) {
        return new ClientRecord(client.clientId(), null, List.copyOf(client.scopes()), List.copyOf(client.grantTypes()));
    }

    public static ClientRecord withSecret(Client client, String secret) {
        return new ClientRecord(client.clientId(), secret, List.copyOf(client.scopes()), List.copyOf(client.grantTypes()));
    }

    @Override
    public String toString() {
        return "ClientRecord[" + clientId + "]";
    }
}
