package dev.oauth2jwt.users.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** A page of accounts, ordered by username, and how many there are in all. */
@JsonbPropertyOrder({"users", "offset", "limit", "total"})
public record UserPage(List<UserRecord> users, int offset, int limit, long total) {
}
