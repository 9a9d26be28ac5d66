package dev.oauth2jwt.directory.control;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import dev.oauth2jwt.access.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * The directory people log in against ({@code LDAP_*}), read once and checked at start-up; without
 * {@code LDAP_URL} there is none and nothing changes.
 *
 * @param urls {@code LDAP_URL}: tried in order, the next when one cannot be reached
 * @param startTls {@code LDAP_START_TLS}: ldap:// connections turn to TLS before anything is sent
 * @param caFile {@code LDAP_CA_FILE}: PEM certificates of the authorities to trust (else the JVM's)
 * @param bindDn {@code LDAP_BIND_DN}, with {@code LDAP_BIND_PASSWORD} or {@code _FILE}: who searches (else anonymous)
 * @param userFilter {@code LDAP_USER_FILTER}: {@code {0}} is the name typed, escaped (RFC 4515)
 * @param emailVerified {@code LDAP_EMAIL_VERIFIED}: the directory's addresses count as verified
 * @param groupBase {@code LDAP_GROUP_BASE}: groups are searched there with {@code groupFilter} ({@code {dn}}:
 *     the person's DN, {@code {0}}: the login name); without it they are read from memberOf
 * @param groupScopes {@code LDAP_GROUP_SCOPES}: a normalized group DN to the scopes its members get
 * @param defaultScopes {@code LDAP_DEFAULT_SCOPES}: what every directory person gets
 * @param precedence {@code LDAP_PRECEDENCE}: who a name that is a local account's and in the directory is
 * @param recheckSeconds how long a refresh trusts the directory's last word on an account
 */
public record DirectorySettings(List<String> urls, DirectoryKind kind, boolean startTls, Optional<String> caFile,
                                Optional<String> bindDn, Optional<String> bindPassword, String userBase, String userFilter,
                                String usernameAttribute, String idAttribute, String emailAttribute, String fullNameAttribute,
                                boolean emailVerified, Optional<String> groupBase, String groupFilter, Map<String, Set<String>> groupScopes,
                                Set<String> defaultScopes, Precedence precedence, int connectTimeoutMillis, int responseTimeoutMillis,
                                int poolSize, int poolWaitMillis, int recheckSeconds) {

    /** Which account a name that is both a local account's and a directory entry's is. */
    public enum Precedence {
        /** The local account; the directory is not asked for that name. */
        LOCAL,
        /** The directory entry: the local password is not tried while the directory has the name. */
        DIRECTORY
    }

    public DirectorySettings {
        urls = List.copyOf(urls);
        groupScopes = Map.copyOf(groupScopes);
        defaultScopes = Set.copyOf(defaultScopes);
    }

    /** These settings, when they can work: a wrong one is an {@link IllegalStateException} saying what to fix. */
    public DirectorySettings checked() {
        if (configured()) {
            check();
        }
        return this;
    }

    /** No directory: logins are the local accounts' only. */
    public static DirectorySettings none() {
        return new DirectorySettings(List.of(), DirectoryKind.OPENLDAP, false, Optional.empty(), Optional.empty(), Optional.empty(), "",
                "", "", "", "", "", false, Optional.empty(), "", Map.of(), Set.of(), Precedence.LOCAL, 1, 1, 1, 1, 0);
    }

    public boolean configured() {
        return !urls.isEmpty();
    }

    /** The user filter for a name typed at a login: the name escaped as RFC 4515 says, so it matches only itself. */
    public Filter userFilterFor(String name) {
        return filter(userFilter.replace("{0}", Filter.encodeValue(name)), "LDAP_USER_FILTER");
    }

    /** The group filter for a person: {@code {dn}} their DN, {@code {0}} their login name, both escaped. */
    public Filter groupFilterFor(String dn, String username) {
        return filter(groupFilter.replace("{dn}", Filter.encodeValue(dn)).replace("{0}", Filter.encodeValue(username)),
                "LDAP_GROUP_FILTER");
    }

    /** The scopes of a person in these groups: the defaults and those their groups map to. */
    public Set<String> scopesOf(Set<String> groups) {
        Set<String> held = new java.util.HashSet<>(defaultScopes);
        for (String group : groups) {
            held.addAll(groupScopes.getOrDefault(group, Set.of()));
        }
        // in the vocabulary's order, so that an account's scopes read the same whatever order the groups came in
        Set<String> scopes = new LinkedHashSet<>();
        Scope.names().stream().filter(held::contains).forEach(scopes::add);
        return scopes;
    }

    /** A group DN as {@link #groupScopes} keys it: case and spacing as the DN's rules ignore them. */
    public static String normalizedDn(String dn) {
        try {
            return new DN(dn).toNormalizedString();
        } catch (LDAPException e) {
            return dn.toLowerCase(java.util.Locale.ROOT);
        }
    }

    private void check() {
        for (String url : urls) {
            LDAPURL parsed;
            try {
                parsed = new LDAPURL(url);
            } catch (LDAPException e) {
                throw new IllegalStateException("LDAP_URL has '" + url + "', which is not an ldap:// or ldaps:// URL");
            }
            if (startTls && parsed.getScheme().equals("ldaps")) {
                throw new IllegalStateException("LDAP_START_TLS is true but LDAP_URL has " + url
                        + ": StartTLS is for ldap:// URLs, ldaps:// is TLS already");
            }
        }
        if (userBase.isBlank()) {
            throw new IllegalStateException("LDAP_URL is set but LDAP_USER_BASE is not: say where the people's entries are, "
                    + "e.g. ou=people,dc=example,dc=org");
        }
        dn(userBase, "LDAP_USER_BASE");
        groupBase.ifPresent(base -> dn(base, "LDAP_GROUP_BASE"));
        bindDn.ifPresent(dn -> dn(dn, "LDAP_BIND_DN"));
        if (bindDn.isPresent() != bindPassword.isPresent()) {
            throw new IllegalStateException("LDAP_BIND_DN and LDAP_BIND_PASSWORD (or LDAP_BIND_PASSWORD_FILE) go together");
        }
        if (!userFilter.contains("{0}")) {
            throw new IllegalStateException("LDAP_USER_FILTER is '" + userFilter + "'; it must hold {0}, the name typed");
        }
        userFilterFor("x");
        groupFilterFor("cn=x", "x");
        Set<String> known = Set.copyOf(Scope.names());
        groupScopes.values().forEach(scopes -> checkScopes(scopes, "LDAP_GROUP_SCOPES", known));
        checkScopes(defaultScopes, "LDAP_DEFAULT_SCOPES", known);
        if (connectTimeoutMillis < 1 || responseTimeoutMillis < 1 || poolSize < 1 || poolWaitMillis < 0 || recheckSeconds < 0) {
            throw new IllegalStateException("LDAP_CONNECT_TIMEOUT_MS, LDAP_RESPONSE_TIMEOUT_MS and LDAP_POOL_MAX_SIZE must be at "
                    + "least 1, LDAP_POOL_WAIT_MS and LDAP_RECHECK_SECONDS at least 0");
        }
    }

    private static void checkScopes(Set<String> scopes, String setting, Set<String> known) {
        for (String scope : scopes) {
            if (!known.contains(scope)) {
                throw new IllegalStateException(setting + " names the scope '" + scope + "'; the scopes are " + known);
            }
        }
    }

    private static void dn(String dn, String setting) {
        try {
            new DN(dn);
        } catch (LDAPException e) {
            throw new IllegalStateException(setting + " is '" + dn + "', which is not a DN: " + e.getMessage());
        }
    }

    private static Filter filter(String text, String setting) {
        try {
            return Filter.create(text);
        } catch (LDAPException e) {
            throw new IllegalStateException(setting + " does not make an LDAP filter (RFC 4515): " + e.getMessage());
        }
    }

    /**
     * {@code LDAP_GROUP_SCOPES}: {@code group DN:scope[ scope...]} entries separated by {@code ;} or
     * new lines (a DN has commas, so the scopes follow its last colon).
     */
    static Map<String, Set<String>> parseGroupScopes(String setting) {
        Map<String, Set<String>> mapping = new LinkedHashMap<>();
        for (String entry : setting.split("[;\\n]")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            if (colon < 1) {
                throw new IllegalStateException("LDAP_GROUP_SCOPES has '" + entry.trim() + "'; write group-dn:scope, e.g. "
                        + "cn=api-admins,ou=groups,dc=example,dc=org:admin");
            }
            String dn = entry.substring(0, colon).trim();
            dn(dn, "LDAP_GROUP_SCOPES");
            mapping.computeIfAbsent(normalizedDn(dn), key -> new LinkedHashSet<>()).addAll(Scope.parse(entry.substring(colon + 1)));
        }
        return mapping;
    }

    /** Read from MicroProfile Config, once; the defaults are microprofile-config.properties' and the preset's. */
    @ApplicationScoped
    public static class Producer {

        @Inject
        Config config;

        @Produces
        @Singleton
        DirectorySettings settings() {
            List<String> urls = config.getOptionalValue("ldap.url", String.class).stream()
                    .flatMap(value -> Arrays.stream(value.split("[,\\s]+"))).filter(url -> !url.isBlank()).toList();
            if (urls.isEmpty()) {
                return none();
            }
            DirectoryKind kind = DirectoryKind.named(config.getValue("ldap.directory", String.class));
            return new DirectorySettings(urls, kind, config.getValue("ldap.start-tls", Boolean.class), optional("ldap.ca-file"),
                    optional("ldap.bind-dn"), bindPassword(), optional("ldap.user-base").orElse(""),
                    optional("ldap.user-filter").orElse(kind.userFilter), optional("ldap.username-attribute").orElse(kind.usernameAttribute),
                    optional("ldap.id-attribute").orElse(kind.idAttribute), optional("ldap.email-attribute").orElse(kind.emailAttribute),
                    optional("ldap.full-name-attribute").orElse(kind.fullNameAttribute),
                    config.getValue("ldap.email-verified", Boolean.class), optional("ldap.group-base"),
                    optional("ldap.group-filter").orElse(kind.groupFilter),
                    parseGroupScopes(optional("ldap.group-scopes").orElse("")),
                    Scope.parse(config.getValue("ldap.default-scopes", String.class)),
                    precedence(config.getValue("ldap.precedence", String.class)),
                    config.getValue("ldap.connect-timeout-ms", Integer.class), config.getValue("ldap.response-timeout-ms", Integer.class),
                    config.getValue("ldap.pool.max-size", Integer.class), config.getValue("ldap.pool.wait-ms", Integer.class),
                    config.getValue("ldap.recheck-seconds", Integer.class)).checked();
        }

        private Optional<String> optional(String key) {
            return config.getOptionalValue(key, String.class).map(String::trim).filter(value -> !value.isEmpty());
        }

        private Optional<String> bindPassword() {
            Optional<String> file = optional("ldap.bind-password-file");
            if (file.isPresent()) {
                try {
                    return Optional.of(Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip());
                } catch (IOException e) {
                    throw new IllegalStateException("LDAP_BIND_PASSWORD_FILE " + file.get() + " cannot be read: " + e.getMessage());
                }
            }
            return config.getOptionalValue("ldap.bind-password", String.class);
        }

        private static Precedence precedence(String setting) {
            return switch (setting.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "local" -> Precedence.LOCAL;
                case "directory" -> Precedence.DIRECTORY;
                default -> throw new IllegalStateException("LDAP_PRECEDENCE is '" + setting + "'; it must be local or directory");
            };
        }

        void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event, DirectorySettings settings) {
            // resolving the settings at start-up checks them: a wrong one stops the deployment
        }
    }
}
