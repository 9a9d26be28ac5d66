package dev.oauth2jwt.access;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The OAuth2 scopes this service grants, as in FastAPI's scopes chapter, plus {@code admin}. */
public enum Scope {

    ME("me", Scope.ME_DESCRIPTION),
    ITEMS("items", Scope.ITEMS_DESCRIPTION),
    ADMIN("admin", Scope.ADMIN_DESCRIPTION);

    /** The descriptions as constants, for the OpenAPI annotations. */
    public static final String ME_DESCRIPTION = "Read information about the current user.";
    public static final String ITEMS_DESCRIPTION = "Read items.";
    public static final String ADMIN_DESCRIPTION = "Administer users.";
    /** The name of the security scheme in the OpenAPI document, as FastAPI's. */
    public static final String SECURITY_SCHEME = "OAuth2PasswordBearer";

    /** What a user may be granted when nothing else is stored, and what a login without scope asks for. */
    public static final Set<String> DEFAULTS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(ME.value, ITEMS.value)));

    /** OpenID Connect's scopes: who the user is, not what the API lets them do; never in {@code groups}. */
    public static final String OPENID = "openid";
    public static final List<String> IDENTITY = List.of(OPENID, "profile", "email");

    private final String value;
    private final String description;

    Scope(String value, String description) {
        this.value = value;
        this.description = description;
    }

    public String value() {
        return value;
    }

    public String description() {
        return description;
    }

    public static Optional<Scope> of(String value) {
        return Arrays.stream(values()).filter(scope -> scope.value.equals(value)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Scope::value).toList();
    }

    public static boolean isKnown(String value) {
        return of(value).isPresent();
    }

    /** A space-separated scope string (RFC 6749 section 3.3) as an ordered set; empty for null or blank. */
    public static Set<String> parse(String scopes) {
        Set<String> result = new LinkedHashSet<>();
        if (scopes != null) {
            int start = 0;
            for (int i = 0; i <= scopes.length(); i++) {
                if (i == scopes.length() || scopes.charAt(i) == ' ') {
                    if (i > start) {
                        result.add(scopes.substring(start, i));
                    }
                    start = i + 1;
                }
            }
        }
        return result;
    }

    /**
     * What a request for {@code requested} scopes gets from a user allowed {@code allowed}: the
     * requested ones the user may have (unknown or disallowed ones are simply not granted); with
     * nothing requested, the defaults the user may have (RFC 6749 section 3.3), never admin.
     */
    public static Set<String> granted(String requested, Set<String> allowed) {
        Set<String> asked = parse(requested);
        Set<String> granted = new LinkedHashSet<>(asked.isEmpty() ? DEFAULTS : asked);
        granted.removeIf(scope -> !isKnown(scope) || !allowed.contains(scope));
        return granted;
    }

    /**
     * What a browser login ({@code /authorize}) gets: the API scopes as {@link #granted} within
     * {@code allowed} (the user's and the client's), plus the OpenID Connect scopes asked for.
     */
    public static Set<String> grantedWithIdentity(String requested, Set<String> allowed) {
        Set<String> asked = parse(requested);
        Set<String> api = new LinkedHashSet<>(asked);
        api.removeAll(IDENTITY);
        Set<String> granted = granted(String.join(" ", api), allowed);
        IDENTITY.stream().filter(asked::contains).forEach(granted::add);
        return granted;
    }

    /**
     * What of a token's or a session's scopes is still in effect for an account or client that now
     * holds {@code held}: the API scopes it still has, and OpenID Connect's (they say who, not what).
     * Any other scope is dropped. The same set when nothing is dropped, else a new one in order.
     */
    public static Set<String> stillHeld(Set<String> scopes, Set<String> held) {
        if (held.containsAll(scopes)) {
            return scopes;
        }
        Set<String> effective = new LinkedHashSet<>(scopes);
        effective.removeIf(scope -> !held.contains(scope) && !IDENTITY.contains(scope));
        return effective;
    }

    /** The API scopes among these, in order: what {@code groups} lists. */
    public static List<String> apiScopes(Set<String> scopes) {
        return scopes.stream().filter(Scope::isKnown).toList();
    }
}
