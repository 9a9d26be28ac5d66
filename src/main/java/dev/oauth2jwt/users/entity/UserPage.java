package dev.oauth2jwt.users.entity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** A page of accounts, ordered by username, and how many there are in all. */
@Schema(name = "UserPage")
@JsonbPropertyOrder({"users", "offset", "limit", "total"})
public record UserPage(List<UserRecord> users, int offset, int limit, long total) {
}
