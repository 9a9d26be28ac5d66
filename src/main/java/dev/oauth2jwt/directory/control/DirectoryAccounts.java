package dev.oauth2jwt.directory.control;

import dev.oauth2jwt.caching.ExpiringCache;
import dev.oauth2jwt.directory.entity.DirectoryEntry;
import dev.oauth2jwt.directory.entity.DirectoryEntry.Standing;
import dev.oauth2jwt.users.control.UserRules;
import dev.oauth2jwt.users.control.UserStore;
import dev.oauth2jwt.users.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The local accounts of directory entries: made at the first login, linked by the entry's immutable
 * id (never by name), brought up to date (email, name, scopes) at every login and at refreshes, and
 * their tokens revoked when the directory no longer has the person, or has them disabled or locked.
 */
@ApplicationScoped
public class DirectoryAccounts {

    /** The account a login in the directory signs in to, or why there is none. */
    public sealed interface Linked {
        record Account(User user) implements Linked {
        }

        /** Why not, for the audit log and the warning the operator reads. */
        record Refused(String reason) implements Linked {
        }
    }

    /** What a refresh learns of the account from the directory. */
    public enum Recheck { CONFIRMED, ENDED }

    private static final Logger LOG = Logger.getLogger(DirectoryAccounts.class.getName());
    static final int RECHECKS_KEPT = 10_000;

    @Inject
    UserStore store;

    @Inject
    Directory directory;

    @Inject
    DirectorySettings settings;

    Clock clock = Clock.systemUTC();
    java.util.function.LongSupplier nanoTime = System::nanoTime;
    private ExpiringCache<String, Boolean> recentlyConfirmed;

    @PostConstruct
    void init() {
        recentlyConfirmed = ExpiringCache.keepingFor(settings.recheckSeconds() * 1000L, RECHECKS_KEPT, () -> nanoTime.getAsLong());
    }

    /** The account of the entry a login found and bound as: the linked one brought up to date, or a new one. */
    public Linked signedIn(DirectoryEntry entry) {
        if (entry.id().isEmpty()) {
            LOG.warning(() -> "The directory entry " + entry.dn() + " has no " + settings.idAttribute()
                    + " (LDAP_ID_ATTRIBUTE): it cannot be linked to an account, so it cannot log in");
            return new Linked.Refused("directory entry without an id");
        }
        Optional<User> linked = store.findByDirectoryId(entry.id());
        if (linked.isPresent()) {
            recentlyConfirmed.forget(entry.id());
            return new Linked.Account(update(linked.get(), entry));
        }
        String username = entry.username();
        if (!UserRules.isValidUsername(username)) {
            LOG.warning(() -> "The directory entry " + entry.dn() + " has the login name '" + username + "' ("
                    + settings.usernameAttribute() + "), which is not a username here (" + UserRules.USERNAME_PATTERN
                    + "): it cannot log in");
            return new Linked.Refused("directory login name not usable here");
        }
        Optional<User> namesake = store.findByUsername(username);
        if (namesake.isPresent()) {
            LOG.warning(() -> "The directory entry " + entry.dn() + " logged in as '" + username + "', a name that "
                    + (namesake.get().fromDirectory() ? "another directory entry's account" : "a local account")
                    + " holds here: accounts are never linked by name, so it cannot log in until that account is deleted");
            return new Linked.Refused("name held by " + (namesake.get().fromDirectory() ? "another directory entry" : "a local account"));
        }
        User created = User.ofDirectoryEntry(username, entry.id(), entry.email(), fullName(entry), settings.scopesOf(entry.groups()));
        created.setEmailVerified(verified(entry));
        created.refuseTokensIssuedUntil(clock.millis());
        boolean made;
        try {
            made = store.create(created);
        } catch (RuntimeException concurrent) {
            made = false;   // the same person's first login on another request or instance made it meanwhile
        }
        if (made) {
            LOG.info(() -> "Made the account '" + username + "' for the directory entry " + entry.dn());
            return new Linked.Account(created);
        }
        return store.findByDirectoryId(entry.id()).<Linked>map(user -> new Linked.Account(update(user, entry)))
                .orElse(new Linked.Refused("name taken meanwhile"));
    }

    /**
     * Whether a directory account's session may be refreshed: the directory still has the person,
     * under the user filter, active; asked at most every {@code LDAP_RECHECK_SECONDS}. When not,
     * every token of the account is revoked. The profile and scopes are brought up to date.
     *
     * @throws DirectoryUnavailableException when the directory cannot say, past that time
     */
    public Recheck recheck(User user) {
        String id = user.directoryId().orElseThrow();
        if (recentlyConfirmed.getIfPresent(id) != null) {
            return Recheck.CONFIRMED;
        }
        Optional<DirectoryEntry> entry = directory.findById(id)
                // still one the user filter finds by its name, with the same id (a filter may admit only some people)
                .filter(found -> directory.findByName(found.username()).map(DirectoryEntry::id).filter(id::equals).isPresent());
        if (entry.isEmpty() || entry.get().standing() != Standing.ACTIVE) {
            String why = entry.isEmpty() ? "gone from the directory" : entry.get().standing().name().toLowerCase(java.util.Locale.ROOT)
                    + " in the directory";
            store.update(user.username(), account -> account.revokeAllTokens(clock.millis()));
            LOG.info(() -> "The account '" + user.username() + "' is " + why + ": its tokens are revoked");
            return Recheck.ENDED;
        }
        update(user, entry.get());
        recentlyConfirmed.put(id, Boolean.TRUE);
        return Recheck.CONFIRMED;
    }

    /** The account with the entry's email, name and scopes, changed only where they differ. */
    private User update(User user, DirectoryEntry entry) {
        Set<String> scopes = settings.scopesOf(entry.groups());
        String fullName = fullName(entry);
        if (Objects.equals(user.email(), entry.email()) && Objects.equals(user.fullName(), fullName)
                && user.scopes().equals(scopes) && user.emailVerified() == verified(entry)) {
            return user;
        }
        long now = clock.millis();
        return store.update(user.username(), account -> {
            if (!Objects.equals(account.email(), entry.email()) || !Objects.equals(account.fullName(), fullName)) {
                account.profileChanged(now);
            }
            account.setEmail(entry.email());
            account.setEmailVerified(verified(entry));
            account.setFullName(fullName);
            account.setScopes(scopes);
        }).orElse(user);
    }

    /** {@code LDAP_EMAIL_VERIFIED}: whether the directory's addresses count as verified (OpenID Connect's email_verified). */
    private boolean verified(DirectoryEntry entry) {
        return entry.email() != null && settings.emailVerified();
    }

    /** The full name, cut to what an account holds. */
    private static String fullName(DirectoryEntry entry) {
        String name = entry.fullName();
        return name == null || name.length() <= UserRules.MAX_FULL_NAME ? name : name.substring(0, UserRules.MAX_FULL_NAME);
    }
}
