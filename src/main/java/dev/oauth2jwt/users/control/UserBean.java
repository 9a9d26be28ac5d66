package dev.oauth2jwt.users.control;

import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;

/** Password login: the seed's {@code authenticate_user}. */
@ApplicationScoped
public class UserBean {

    private static final Logger LOG = Logger.getLogger(UserBean.class.getName());

    @Inject
    UserStore store;

    @Inject
    PasswordHasher hasher;

    /** The user, when the username exists and the password matches its hash; disabled users included. */
    public Optional<User> authenticate(String username, String password) {
        Optional<User> user = store.findByUsername(username);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        return switch (hasher.check(password, user.get().hashedPassword())) {
            case MATCH -> user;
            case MISMATCH -> Optional.empty();
            case CORRUPT_HASH -> {
                LOG.warning(() -> "The stored password hash of user '" + username
                        + "' is not a readable bcrypt hash; that user cannot log in until it is reset");
                yield Optional.empty();
            }
        };
    }
}
