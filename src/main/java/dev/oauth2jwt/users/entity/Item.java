package dev.oauth2jwt.users.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

@JsonbPropertyOrder({"itemId", "owner"})
public record Item(@JsonbProperty("item_id") String itemId, String owner) {
}
