package dev.oauth2jwt.clients.entity;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the clients, ordered by id. */
@Schema(name = "ClientPage")
@jakarta.json.bind.annotation.JsonbPropertyOrder({"clients", "offset", "limit", "total"})
public record ClientPage(List<ClientRecord> clients, int offset, int limit, long total) {
}
