package dev.oauth2jwt.users.control;

import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Password login (the seed's {@code authenticate_user}, with the same work whatever the outcome)
 * and what a user does to their own account.
 */
@ApplicationScoped
public class UserBean {

    /** Why a login failed: for the audit log only, never for the client. */
    public enum Outcome { SUCCESS, UNKNOWN_USER, WRONG_PASSWORD, CORRUPT_HASH, PASSWORD_TOO_LONG, DIRECTORY_ACCOUNT }

    /**
     * The outcome and, on success, the user as read before the password was checked (disabled
     * users included, as in the seed): tokens are issued from that state, its security stamp
     * included, so a revocation that lands while the hash is computed ends them.
     */
    public record Login(Outcome outcome, Optional<User> user) {
    }

    private static final Logger LOG = Logger.getLogger(UserBean.class.getName());

    @Inject
    UserStore store;

    @Inject
    PasswordHasher hasher;

    Clock clock = Clock.systemUTC();

    public Login authenticate(String username, String password) {
        Optional<User> user = store.findByUsername(username);
        // a directory account has no password here: the same work as for nobody
        PasswordHasher.Check check = hasher.check(password, user.filter(account -> !account.fromDirectory())
                .map(User::hashedPassword).orElse(null));
        if (user.isEmpty()) {
            return new Login(Outcome.UNKNOWN_USER, Optional.empty());
        }
        if (user.get().fromDirectory()) {
            // its password is the directory's, and no directory is configured (LDAP_URL) now
            return new Login(Outcome.DIRECTORY_ACCOUNT, Optional.empty());
        }
        return switch (check) {
            case MATCH -> {
                upgradeHash(user.get(), password);
                yield new Login(Outcome.SUCCESS, user);
            }
            case MISMATCH -> new Login(Outcome.WRONG_PASSWORD, Optional.empty());
            case TOO_LONG -> new Login(Outcome.PASSWORD_TOO_LONG, Optional.empty());
            case CORRUPT_HASH -> {
                LOG.warning(() -> "The stored password hash of user '" + username
                        + "' is not a readable bcrypt or Django hash; that user cannot log in until it is reset");
                yield new Login(Outcome.CORRUPT_HASH, Optional.empty());
            }
        };
    }

    /** Whether the account is a directory's, whose password is changed there, never here. */
    public boolean fromDirectory(String username) {
        return store.findByUsername(username).map(User::fromDirectory).orElse(false);
    }

    /** Changes the caller's own password, revoking every token they had; false if the current one is wrong. */
    public boolean changePassword(String username, String currentPassword, String newPassword) {
        if (authenticate(username, currentPassword).user().isEmpty()) {
            return false;
        }
        String hash = hasher.hash(newPassword);
        store.update(username, user -> {
            user.setHashedPassword(hash);
            user.revokeAllTokens(clock.millis());
        });
        return true;
    }

    /** "Log out everywhere": every token issued to the user so far stops working. */
    public void revokeAllTokens(String username) {
        store.update(username, user -> user.revokeAllTokens(clock.millis()));
    }

    /** passlib's {@code deprecated="auto"}: a legacy or cheaper hash becomes bcrypt at the configured cost. */
    private void upgradeHash(User user, String password) {
        if (!hasher.needsRehash(user.hashedPassword()) || PasswordHasher.problem(password).isPresent()) {
            return;
        }
        String stronger = hasher.hash(password);
        String weaker = user.hashedPassword();
        // only if nobody changed it meanwhile; a rehash is not a password change: tokens stay valid
        store.update(user.username(), stored -> {
            if (stored.hashedPassword().equals(weaker)) {
                stored.setHashedPassword(stronger);
            }
        });
    }
}
