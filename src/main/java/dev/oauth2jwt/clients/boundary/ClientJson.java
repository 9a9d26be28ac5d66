package dev.oauth2jwt.clients.boundary;

import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.clients.entity.ClientChanges;
import dev.oauth2jwt.clients.entity.NewClient;
import dev.oauth2jwt.http.boundary.JsonFields;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The client admin API's JSON bodies, validated; 422 in FastAPI's shape for anything off. */
final class ClientJson {

    private static final Pattern CLIENT_ID = Pattern.compile(Client.ID_PATTERN);
    private static final List<String> GRANT_TYPES = List.copyOf(Client.GRANT_TYPES);

    private ClientJson() {
    }

    static NewClient newClient(JsonObject body) {
        JsonFields fields = new JsonFields(body, Set.of("client_id", "scopes", "grant_types"));
        String clientId = fields.string("client_id", true, false, false);
        if (clientId != null && (!CLIENT_ID.matcher(clientId).matches() || ".".equals(clientId) || "..".equals(clientId))) {
            fields.invalid("string_pattern_mismatch", "client_id", "String should match pattern '" + Client.ID_PATTERN + "'",
                    clientId, Map.of("pattern", Client.ID_PATTERN));
        }
        Set<String> scopes = fields.oneOfEach("scopes", Scope.names());
        Set<String> grantTypes = grantTypes(fields);
        fields.throwIfInvalid();
        return new NewClient(clientId, scopes == null ? Set.of() : scopes,
                grantTypes == null ? Set.of(Client.CLIENT_CREDENTIALS) : grantTypes);
    }

    static ClientChanges changes(JsonObject body) {
        JsonFields fields = new JsonFields(body, Set.of("scopes", "grant_types"));
        Set<String> scopes = fields.oneOfEach("scopes", Scope.names());
        Set<String> grantTypes = grantTypes(fields);
        fields.throwIfInvalid();
        return new ClientChanges(scopes, grantTypes);
    }

    /** The grants, when given: at least one, each known. */
    private static Set<String> grantTypes(JsonFields fields) {
        Set<String> grantTypes = fields.oneOfEach("grant_types", GRANT_TYPES);
        if (grantTypes != null && grantTypes.isEmpty() && fields.has("grant_types")) {
            fields.invalid("too_short", "grant_types", "List should have at least 1 item after validation, not 0", List.of(),
                    Map.of("field_type", "List", "min_length", 1, "actual_length", 0));
        }
        return grantTypes;
    }
}
