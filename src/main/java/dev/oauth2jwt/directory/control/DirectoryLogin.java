package dev.oauth2jwt.directory.control;

import dev.oauth2jwt.directory.control.DirectoryAccounts.Linked;
import dev.oauth2jwt.directory.entity.DirectoryEntry;
import dev.oauth2jwt.directory.entity.DirectoryEntry.Standing;
import dev.oauth2jwt.users.control.UserStore;
import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Where a name typed at a login is checked: here (a local account, or no directory configured) or
 * in the directory (a bind as the entry the user filter finds). A name that is a local account's
 * and in the directory is the local account's with {@code LDAP_PRECEDENCE=local}; with
 * {@code directory} the directory's entry decides, and the local password is never tried while the
 * directory has the name: never both. Every directory login costs one search and one bind, a name
 * it does not have too.
 */
@ApplicationScoped
public class DirectoryLogin {

    /** What the directory said of a login. */
    public sealed interface Answer {
        /** Not the directory's to say: check the password of the local account (or of nobody) here. */
        record Local() implements Answer {
        }

        record SignedIn(User user) implements Answer {
        }

        /** Why not, for the audit log and the throttle; the client is told what a wrong password gets. */
        record Refused(String reason) implements Answer {
        }
    }

    private static final Logger LOG = Logger.getLogger(DirectoryLogin.class.getName());
    private static final Answer LOCAL = new Answer.Local();

    @Inject
    DirectorySettings settings;

    @Inject
    Directory directory;

    @Inject
    DirectoryAccounts accounts;

    @Inject
    UserStore store;

    /**
     * The name the failed-login throttle counts a login under: with a directory, as directories
     * match names (case and surrounding or repeated spaces ignored), so that {@code Amber} and
     * {@code amber } are one person's failures, not ten more tries each.
     */
    public String throttleKey(String name) {
        if (!settings.configured() || name == null) {
            return name;
        }
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * The directory's answer for the name and password, or {@link Answer.Local} when the password
     * is to be checked here.
     *
     * @throws DirectoryUnavailableException when the directory had to be asked and could not answer
     */
    public Answer authenticate(String name, String password) {
        if (!settings.configured()) {
            return LOCAL;
        }
        Optional<User> account = store.findByUsername(name);
        boolean localAccount = account.isPresent() && !account.get().fromDirectory();
        if (localAccount && settings.precedence() == DirectorySettings.Precedence.LOCAL) {
            return LOCAL;
        }
        Optional<DirectoryEntry> entry;
        try {
            entry = directory.findByName(name);
        } catch (DirectoryUnavailableException e) {
            if (localAccount) {
                // the local account works through an outage; a name the directory also has is refused when it answers again
                LOG.info(() -> "The directory cannot be reached: '" + name + "', a local account, is checked here");
                return LOCAL;
            }
            throw e;
        }
        if (entry.isEmpty()) {
            if (localAccount) {
                return LOCAL;
            }
            directory.bindNobody(password);
            return new Answer.Refused(account.isPresent() ? "gone from the directory" : "unknown user");
        }
        if (directory.bind(entry.get().dn(), password) != Directory.Bind.ACCEPTED) {
            return new Answer.Refused(password.isEmpty() ? "empty password (an unauthenticated bind)" : "wrong password");
        }
        if (entry.get().standing() != Standing.ACTIVE) {
            return new Answer.Refused(entry.get().standing().name().toLowerCase(Locale.ROOT) + " in the directory");
        }
        Linked linked = accounts.signedIn(entry.get());
        return linked instanceof Linked.Account signedIn ? new Answer.SignedIn(signedIn.user())
                : new Answer.Refused(((Linked.Refused) linked).reason());
    }
}
