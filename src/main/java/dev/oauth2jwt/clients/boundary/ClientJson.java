package dev.oauth2jwt.clients.boundary;

import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.clients.entity.ClientChanges;
import dev.oauth2jwt.clients.entity.LogoutUris;
import dev.oauth2jwt.clients.entity.NewClient;
import dev.oauth2jwt.clients.entity.RedirectUris;
import dev.oauth2jwt.http.boundary.JsonFields;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The client admin API's JSON bodies, validated; 422 in FastAPI's shape for anything off. */
final class ClientJson {

    private static final Pattern CLIENT_ID = Pattern.compile(Client.ID_PATTERN);
    private static final List<String> GRANT_TYPES = List.of(Client.CLIENT_CREDENTIALS, Client.AUTHORIZATION_CODE);
    private static final List<String> CLIENT_TYPES = List.of(Client.CONFIDENTIAL, Client.PUBLIC);
    private static final int MAX_URIS = 20;

    private ClientJson() {
    }

    static NewClient newClient(JsonObject body) {
        JsonFields fields = new JsonFields(body, Set.of("client_id", "scopes", "grant_types", "client_type", "redirect_uris",
                "post_logout_redirect_uris", "require_pkce", "require_mfa", "backchannel_logout_uri",
                "backchannel_logout_session_required", "frontchannel_logout_uri", "frontchannel_logout_session_required"));
        String clientId = fields.string("client_id", true, false, false);
        if (clientId != null && (!CLIENT_ID.matcher(clientId).matches() || ".".equals(clientId) || "..".equals(clientId))) {
            fields.invalid("string_pattern_mismatch", "client_id", "String should match pattern '" + Client.ID_PATTERN + "'",
                    clientId, Map.of("pattern", Client.ID_PATTERN));
        }
        Set<String> scopes = fields.oneOfEach("scopes", Scope.names());
        Set<String> grantTypes = grantTypes(fields);
        Set<String> type = fields.has("client_type") ? oneOf(fields, "client_type", CLIENT_TYPES) : Set.of(Client.CONFIDENTIAL);
        List<String> redirectUris = uris(fields, "redirect_uris");
        List<String> logoutUris = uris(fields, "post_logout_redirect_uris");
        Boolean requirePkce = fields.bool("require_pkce");
        Boolean requireMfa = fields.bool("require_mfa");
        String clientType = type.isEmpty() ? Client.CONFIDENTIAL : type.iterator().next();
        String backchannel = backchannelUri(fields, Client.CONFIDENTIAL.equals(clientType));
        Boolean backchannelSid = fields.bool("backchannel_logout_session_required");
        String frontchannel = frontchannelUri(fields);
        Boolean frontchannelSid = fields.bool("frontchannel_logout_session_required");
        fields.throwIfInvalid();
        List<String> redirects = redirectUris == null ? List.of() : redirectUris;
        Set<String> grants = grantTypes != null ? grantTypes
                : Set.of(redirects.isEmpty() ? Client.CLIENT_CREDENTIALS : Client.AUTHORIZATION_CODE);
        NewClient client = new NewClient(clientId, scopes == null ? Set.of() : scopes, grants, clientType, redirects,
                logoutUris == null ? List.of() : logoutUris, requirePkce == null || requirePkce,
                requireMfa != null && requireMfa, backchannel, Boolean.TRUE.equals(backchannelSid), frontchannel,
                Boolean.TRUE.equals(frontchannelSid));
        checkConsistent(client.clientType(), client.grantTypes(), client.redirectUris(), client.requirePkce(),
                client.backchannelLogoutUri(), client.frontchannelLogoutUri());
        return client;
    }

    static ClientChanges changes(JsonObject body) {
        JsonFields fields = new JsonFields(body, Set.of("scopes", "grant_types", "redirect_uris", "post_logout_redirect_uris",
                "require_pkce", "require_mfa", "backchannel_logout_uri", "backchannel_logout_session_required",
                "frontchannel_logout_uri", "frontchannel_logout_session_required"));
        Set<String> scopes = fields.oneOfEach("scopes", Scope.names());
        Set<String> grantTypes = grantTypes(fields);
        List<String> redirectUris = uris(fields, "redirect_uris");
        List<String> logoutUris = uris(fields, "post_logout_redirect_uris");
        Boolean requirePkce = fields.bool("require_pkce");
        Boolean requireMfa = fields.bool("require_mfa");
        Optional<String> backchannel = fields.has("backchannel_logout_uri")
                ? Optional.ofNullable(backchannelUri(fields, true)) : null;   // the client type's rule: checkConsistent
        Boolean backchannelSid = fields.bool("backchannel_logout_session_required");
        Optional<String> frontchannel = fields.has("frontchannel_logout_uri") ? Optional.ofNullable(frontchannelUri(fields)) : null;
        Boolean frontchannelSid = fields.bool("frontchannel_logout_session_required");
        fields.throwIfInvalid();
        return new ClientChanges(scopes, grantTypes, redirectUris, logoutUris, requirePkce, requireMfa, backchannel, backchannelSid,
                frontchannel, frontchannelSid);
    }

    /** The client as a change would leave it, checked as a whole: the rules that tie fields together. */
    static void checkConsistent(Client client, ClientChanges changes) {
        checkConsistent(client.clientType(),
                changes.grantTypes() != null ? changes.grantTypes() : client.grantTypes(),
                changes.redirectUris() != null ? changes.redirectUris() : client.redirectUris(),
                changes.requirePkce() != null ? changes.requirePkce() : client.requirePkce(),
                changes.backchannelLogoutUri() != null ? changes.backchannelLogoutUri().orElse(null)
                        : client.backchannelLogoutUri().orElse(null),
                changes.frontchannelLogoutUri() != null ? changes.frontchannelLogoutUri().orElse(null)
                        : client.frontchannelLogoutUri().orElse(null));
    }

    private static void checkConsistent(String clientType, Set<String> grantTypes, List<String> redirectUris, boolean requirePkce,
            String backchannelLogoutUri, String frontchannelLogoutUri) {
        JsonFields rules = new JsonFields(JsonObject.EMPTY_JSON_OBJECT, Set.of());
        if (Client.PUBLIC.equals(clientType) && grantTypes.contains(Client.CLIENT_CREDENTIALS)) {
            rules.invalid("value_error", "grant_types", "Value error, a public client has no secret: it cannot use "
                    + "client_credentials", List.copyOf(grantTypes), null);
        }
        if (Client.PUBLIC.equals(clientType) && !requirePkce) {
            rules.invalid("value_error", "require_pkce", "Value error, a public client must use PKCE", false, null);
        }
        if (grantTypes.contains(Client.AUTHORIZATION_CODE) && redirectUris.isEmpty()) {
            rules.invalid("value_error", "redirect_uris", "Value error, authorization_code needs at least one redirect URI",
                    List.of(), null);
        }
        if (backchannelLogoutUri != null) {
            LogoutUris.backchannelProblem(backchannelLogoutUri, Client.CONFIDENTIAL.equals(clientType)).ifPresent(problem ->
                    rules.invalid("url_parsing", "backchannel_logout_uri", problem, backchannelLogoutUri, null));
        }
        if (frontchannelLogoutUri != null && !LogoutUris.sameOriginAsOneOf(frontchannelLogoutUri, redirectUris)) {
            rules.invalid("value_error", "frontchannel_logout_uri", "Value error, the front-channel logout URI must have the "
                    + "scheme, host and port of one of the redirect URIs", frontchannelLogoutUri, null);
        }
        rules.throwIfInvalid();
    }

    /** A back-channel logout URI, or null when absent, JSON null or invalid (recorded). */
    private static String backchannelUri(JsonFields fields, boolean confidential) {
        String uri = fields.string("backchannel_logout_uri", false, true, false);
        if (uri != null) {
            LogoutUris.backchannelProblem(uri, confidential)
                    .ifPresent(problem -> fields.invalid("url_parsing", "backchannel_logout_uri", problem, uri, null));
        }
        return uri;
    }

    /** A front-channel logout URI, or null when absent, JSON null or invalid (recorded). */
    private static String frontchannelUri(JsonFields fields) {
        String uri = fields.string("frontchannel_logout_uri", false, true, false);
        if (uri != null) {
            LogoutUris.frontchannelProblem(uri)
                    .ifPresent(problem -> fields.invalid("url_parsing", "frontchannel_logout_uri", problem, uri, null));
        }
        return uri;
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

    private static Set<String> oneOf(JsonFields fields, String name, List<String> allowed) {
        String value = fields.string(name, false, false, false);
        if (value != null && !allowed.contains(value)) {
            fields.invalid("literal_error", name, "Input should be '" + String.join("' or '", allowed) + "'", value,
                    Map.of("expected", "'" + String.join("' or '", allowed) + "'"));
            return Set.of();
        }
        return value == null ? Set.of() : Set.of(value);
    }

    /** Registrable redirect URIs (see {@link RedirectUris}), at most {@value #MAX_URIS}. */
    private static List<String> uris(JsonFields fields, String name) {
        List<String> uris = fields.strings(name);
        if (uris == null) {
            return null;
        }
        if (uris.size() > MAX_URIS) {
            fields.invalid("too_long", name, "List should have at most " + MAX_URIS + " items after validation, not " + uris.size(),
                    null, Map.of("field_type", "List", "max_length", MAX_URIS, "actual_length", uris.size()));
        }
        for (String uri : uris) {
            RedirectUris.problem(uri).ifPresent(problem -> fields.invalid("url_parsing", name, problem, uri, null));
        }
        if (String.join(" ", uris).length() > RedirectUris.MAX_TOTAL_LENGTH) {
            fields.invalid("too_long", name, "URLs should have at most " + RedirectUris.MAX_TOTAL_LENGTH + " characters together",
                    null, null);
        }
        return uris;
    }
}
