package dev.oauth2jwt.sso.entity;

import dev.oauth2jwt.json.StrictJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code claims} request parameter (OpenID Connect Core 5.5), as far as it asks for what this
 * server holds: the claims wanted by name in the ID token and at userinfo (essential or not, they
 * are released alike; a claim the server does not hold is left out, never an error, section
 * 5.5.1), the {@code acr} values an essential {@code acr} demands, and a {@code sub} value the login
 * must be of.
 */
public record ClaimsRequest(Set<String> idToken, Set<String> userinfo, List<String> essentialAcr, String subject) {

    public static final ClaimsRequest NONE = new ClaimsRequest(Set.of(), Set.of(), List.of(), null);
    /** Far more than naming every claim of Core 5.1 twice. */
    public static final int MAX_LENGTH = 4096;

    /**
     * The request, or empty when it is no JSON object of objects (OpenID Connect Core 5.5:
     * {@code invalid_request}); null or absent asks for nothing.
     */
    public static Optional<ClaimsRequest> parse(String json, Set<String> held) {
        if (json == null) {
            return Optional.of(NONE);
        }
        if (json.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        JsonValue value;
        try {
            value = StrictJson.read(json);
        } catch (JsonException e) {   // a syntax error, a duplicate key
            return Optional.empty();
        }
        if (!(value instanceof JsonObject request)) {
            return Optional.empty();
        }
        Optional<JsonObject> idToken = member(request, "id_token");
        Optional<JsonObject> userinfo = member(request, "userinfo");
        if (idToken == null || userinfo == null) {
            return Optional.empty();
        }
        List<String> essentialAcr = List.of();
        String subject = null;
        if (idToken.isPresent()) {
            JsonValue acr = idToken.get().get("acr");
            if (acr instanceof JsonObject wanted && wanted.get("essential") == JsonValue.TRUE) {
                essentialAcr = values(wanted);
            }
            JsonValue sub = idToken.get().get("sub");
            if (sub instanceof JsonObject wanted && wanted.get("value") instanceof JsonString asked) {
                subject = asked.getString();
            }
        }
        return Optional.of(new ClaimsRequest(names(idToken, held), names(userinfo, held), essentialAcr, subject));
    }

    /** The member, absent, or null (the outer Optional's) when it is there but no object. */
    private static Optional<JsonObject> member(JsonObject request, String name) {
        JsonValue value = request.get(name);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        return value instanceof JsonObject object ? Optional.of(object) : null;
    }

    /** The names asked for among those held; each value null or an object (Core 5.5.1), anything else ignored. */
    private static Set<String> names(Optional<JsonObject> member, Set<String> held) {
        Set<String> names = new LinkedHashSet<>();
        member.ifPresent(object -> object.forEach((name, request) -> {
            if (held.contains(name) && (request == JsonValue.NULL || request instanceof JsonObject)) {
                names.add(name);
            }
        }));
        return names;
    }

    /** {@code value} and {@code values} of a claim's request. */
    private static List<String> values(JsonObject wanted) {
        List<String> values = new java.util.ArrayList<>();
        if (wanted.get("value") instanceof JsonString one) {
            values.add(one.getString());
        }
        if (wanted.get("values") instanceof JsonArray many) {
            many.stream().filter(JsonString.class::isInstance).map(item -> ((JsonString) item).getString()).forEach(values::add);
        }
        return values;
    }

    /** Whether a login of one of these {@code acr} values can satisfy the essential {@code acr} request: none made, or one naming it. */
    public boolean acrSatisfiableBy(java.util.Collection<String> offered) {
        return essentialAcr.isEmpty() || offered.stream().anyMatch(essentialAcr::contains);
    }

    /** Whether the essential {@code acr} request accepts only {@code strong} of the values offered, not {@code weak}. */
    public boolean demandsAcr(String strong, String weak) {
        return !essentialAcr.isEmpty() && essentialAcr.contains(strong) && !essentialAcr.contains(weak);
    }
}
