package dev.oauth2jwt.users.control;

import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;

/** Password login: the seed's {@code authenticate_user}, with the same work whatever the outcome. */
@ApplicationScoped
public class UserBean {

    /** Why a login failed: for the audit log only, never for the client. */
    public enum Outcome { SUCCESS, UNKNOWN_USER, WRONG_PASSWORD, CORRUPT_HASH, PASSWORD_TOO_LONG }

    /** The outcome and, on success, the user; disabled users included, as in the seed. */
    public record Login(Outcome outcome, Optional<User> user) {
    }

    private static final Logger LOG = Logger.getLogger(UserBean.class.getName());

    @Inject
    UserStore store;

    @Inject
    PasswordHasher hasher;

    public Login authenticate(String username, String password) {
        Optional<User> user = store.findByUsername(username);
        PasswordHasher.Check check = hasher.check(password, user.map(User::hashedPassword).orElse(null));
        if (user.isEmpty()) {
            return new Login(Outcome.UNKNOWN_USER, Optional.empty());
        }
        return switch (check) {
            case MATCH -> new Login(Outcome.SUCCESS, user);
            case MISMATCH -> new Login(Outcome.WRONG_PASSWORD, Optional.empty());
            case TOO_LONG -> new Login(Outcome.PASSWORD_TOO_LONG, Optional.empty());
            case CORRUPT_HASH -> {
                LOG.warning(() -> "The stored password hash of user '" + username
                        + "' is not a readable bcrypt hash; that user cannot log in until it is reset");
                yield new Login(Outcome.CORRUPT_HASH, Optional.empty());
            }
        };
    }
}
