package dev.oauth2jwt.account.entity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

@Schema(name = "Item")
@JsonbPropertyOrder({"itemId", "owner"})
public record Item(@JsonbProperty("item_id") String itemId, String owner) {
}
