package dev.oauth2jwt.users.boundary;

import dev.oauth2jwt.users.control.SecondFactors;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user's second factors as the admin API lists them: never a secret. Times are epoch seconds. */
@Schema(name = "FactorList")
@JsonbPropertyOrder({"factors", "recoveryCodesLeft", "recovery_codes_left"})
public record FactorList(List<Factor> factors,
                         @JsonbProperty("recovery_codes_left") long recoveryCodesLeft) {

    @Schema(name = "Factor")
    @JsonbNillable
    @SuppressWarnings("deprecation")
    @JsonbPropertyOrder({"id", "type", "name", "createdAt", "created_at", "lastUsedAt", "last_used_at"})
    public record Factor(String id,
                         @Schema(enumeration = {"totp"}) String type,
                         String name,
                         @JsonbProperty("created_at") long createdAt,
                         @Schema(nullable = true) @JsonbProperty(value = "last_used_at", nillable = true) Long lastUsedAt) {

        static Factor of(SecondFactors.Listed factor) {
            return new Factor(factor.id(), factor.kind(), factor.name(), factor.createdAt() / 1000,
                    factor.lastUsedAt().map(millis -> millis / 1000).orElse(null));
        }
    }
}
