package dev.oauth2jwt.users.control;

import dev.oauth2jwt.users.entity.NewUser;
import dev.oauth2jwt.users.entity.User;
import dev.oauth2jwt.users.entity.UserChanges;
import dev.oauth2jwt.users.entity.UserPage;
import dev.oauth2jwt.users.entity.UserRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The admin API's operations. Setting a password or disabling a user revokes every token issued
 * to them before; deleting a user takes their login sessions, and so all their tokens, with them.
 * A changed e-mail address is unverified unless the same change says otherwise.
 */
@ApplicationScoped
public class UserAdmin {

    @Inject
    SecondFactors factors;

    @Inject
    UserStore store;

    @Inject
    PasswordHasher hasher;

    @Inject
    HashingCapacity capacity;

    Clock clock = Clock.systemUTC();

    /** The created user, or empty if the username is taken. */
    public Optional<User> create(NewUser request) {
        String hash = request.password() != null ? hashed(request.password()) : request.hashedPassword();
        User user = new User(request.username(), request.email(), request.fullName(), hash, request.disabled(),
                request.scopes());
        user.setEmailVerified(request.emailVerified() && request.email() != null);
        // a token issued before the account existed (a deleted namesake's) never works for it
        user.refuseTokensIssuedUntil(clock.millis());
        return store.create(user) ? Optional.of(user) : Optional.empty();
    }

    /** Why an existing hash cannot be imported, if it cannot (see {@link PasswordHasher#importProblem}). */
    public Optional<String> importProblem(String hash) {
        return hasher.importProblem(hash);
    }

    public Optional<User> find(String username) {
        return store.findByUsername(username);
    }

    public UserPage page(int offset, int limit) {
        List<User> users = store.page(offset, limit);
        Set<Long> enrolled = factors.enrolledAmong(users.stream().map(User::id).toList());
        return new UserPage(users.stream().map(user -> UserRecord.of(user, enrolled.contains(user.id()))).toList(), offset, limit,
                store.count());
    }

    /** The account as the admin API shows it, with whether it enrolled a second factor. */
    public UserRecord record(User user) {
        return UserRecord.of(user, factors.enrolled(user));
    }

    /**
     * The changes applied; empty if there is no such user.
     *
     * @throws DirectoryAccountException when they touch what a directory account takes from the directory
     */
    public Optional<User> update(String username, UserChanges changes) {
        Optional<User> current = store.findByUsername(username);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        if (current.get().fromDirectory()) {
            java.util.List<String> owned = java.util.stream.Stream.of("password", "email", "email_verified", "full_name", "scopes")
                    .filter(changes::has).toList();
            if (!owned.isEmpty()) {
                throw new DirectoryAccountException(username, owned);
            }
        }
        String newHash = changes.has("password") ? hashed(changes.password()) : null;
        long now = clock.millis();
        return store.update(username, user -> {
            boolean profileChanged = false;
            if (changes.has("email") && !java.util.Objects.equals(user.email(), changes.email())) {
                user.setEmail(changes.email());
                user.setEmailVerified(false);   // a new address is not verified unless the change says so
                profileChanged = true;
            }
            if (changes.has("email_verified") && user.emailVerified() != (Boolean.TRUE.equals(changes.emailVerified()) && user.email() != null)) {
                user.setEmailVerified(Boolean.TRUE.equals(changes.emailVerified()) && user.email() != null);
                profileChanged = true;
            }
            if (changes.has("full_name") && !java.util.Objects.equals(user.fullName(), changes.fullName())) {
                user.setFullName(changes.fullName());
                profileChanged = true;
            }
            if (profileChanged) {
                user.profileChanged(now);
            }
            if (changes.has("scopes")) {
                user.setScopes(changes.scopes());
            }
            if (newHash != null) {
                user.setHashedPassword(newHash);
                user.revokeAllTokens(now);
            }
            if (changes.has("disabled")) {
                if (changes.disabled() && !user.disabled()) {
                    user.revokeAllTokens(now);
                }
                user.setDisabled(changes.disabled());
            }
        });
    }

    private String hashed(String password) {
        return capacity.run(() -> hasher.hash(password));
    }

    public boolean delete(String username) {
        return store.delete(username);
    }
}
