package dev.oauth2jwt.tokens.control;

import dev.oauth2jwt.users.entity.User;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The claims about a user that the ID token and {@code /userinfo} may carry (OpenID Connect Core
 * 5.1), released as asked: by scope ({@code profile}: {@code name}, {@code preferred_username},
 * {@code updated_at}; {@code email}: {@code email}, {@code email_verified}, section 5.4) or by name
 * in the {@code claims} request parameter (section 5.5). {@code scope=openid} alone releases none.
 * A claim the account has no value for is left out, never sent as null.
 */
public final class UserClaims {

    /** The claims this server holds, in the order they are written. */
    public static final List<String> HELD = List.of("name", "preferred_username", "updated_at", "email", "email_verified");

    private static final Map<String, List<String>> BY_SCOPE = Map.of(
            "profile", List.of("name", "preferred_username", "updated_at"),
            "email", List.of("email", "email_verified"));

    private UserClaims() {
    }

    /** The names released by these scopes and those asked for by name, among the claims held. */
    public static Set<String> released(Set<String> scopes, Set<String> askedByName) {
        Set<String> names = new LinkedHashSet<>();
        for (String claim : HELD) {
            boolean byScope = BY_SCOPE.entrySet().stream().anyMatch(entry -> scopes.contains(entry.getKey())
                    && entry.getValue().contains(claim));
            if (byScope || askedByName.contains(claim)) {
                names.add(claim);
            }
        }
        return names;
    }

    /** The values of these claims for the user (strings, a boolean, a number), without those it has none of. */
    public static Map<String, Object> of(User user, Set<String> names) {
        Map<String, Object> claims = new LinkedHashMap<>();
        for (String claim : HELD) {
            if (!names.contains(claim)) {
                continue;
            }
            Object value = switch (claim) {
                case "name" -> user.fullName();
                case "preferred_username" -> user.username();
                case "updated_at" -> user.updatedAt();
                case "email" -> user.email();
                case "email_verified" -> user.email() == null ? null : user.emailVerified();
                default -> null;
            };
            if (value != null) {
                claims.put(claim, value);
            }
        }
        return claims;
    }
}
