package dev.oauth2jwt.bearer.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What introspection tells of a token (RFC 7662 section 2.2): {@code {"active":false}} and nothing else, unless active. */
@Schema(name = "Introspection", description = "RFC 7662: only active when the token would be accepted now.")
// Java and JSON names: JSON-B 3 (Yasson) orders by the first, Johnzon (TomEE) by the second
@JsonbPropertyOrder({"active", "scope", "clientId", "client_id", "username", "tokenType", "token_type", "exp", "iat", "nbf", "sub", "aud", "iss", "jti"})
public record Introspection(@Schema(required = true) boolean active,
                            String scope,
                            @JsonbProperty("client_id") String clientId,
                            String username,
                            @JsonbProperty("token_type") @Schema(enumeration = {"Bearer", "refresh_token"}) String tokenType,
                            Long exp,
                            Long iat,
                            Long nbf,
                            String sub,
                            List<String> aud,
                            String iss,
                            String jti) {

    public static final Introspection INACTIVE = new Introspection(false, null, null, null, null, null, null, null, null, null,
            null, null);
}
