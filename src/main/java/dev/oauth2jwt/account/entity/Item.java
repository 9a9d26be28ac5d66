package dev.oauth2jwt.account.entity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

@Schema(name = "Item")
// Java and JSON names: JSON-B 3 (Yasson) orders by the first, Johnzon (TomEE) by the second
@JsonbPropertyOrder({"itemId", "item_id", "owner"})
public record Item(@JsonbProperty("item_id") String itemId, String owner) {
}
