package dev.oauth2jwt.users.control;

import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Imports {@code USERS_IMPORT_FILE} at start-up, in one transaction: creates an account for each
 * entry whose username this database has never had, never touches one that exists, and never
 * brings back one an administrator deleted. A bad file fails the deployment and imports nothing.
 */
@ApplicationScoped
public class UsersImport {

    private static final Logger LOG = Logger.getLogger(UsersImport.class.getName());

    @Inject
    @ConfigProperty(name = "users.import-file")
    Optional<String> importFile;

    @Inject
    UserStore store;

    @Inject
    PasswordHasher hasher;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        importFile.map(Path::of).ifPresent(this::importFrom);
    }

    void importFrom(Path file) {
        List<User> users = UsersFile.read(file, hasher::importProblem);
        int created;
        try {
            created = store.importUsers(users);
        } catch (PersistenceException e) {
            // another instance importing the same file at the same moment: its users now exist
            created = store.importUsers(users);
        }
        int createdUsers = created;
        LOG.info(() -> "Imported " + file.toAbsolutePath() + ": " + createdUsers + " user(s) created, "
                + (users.size() - createdUsers) + " skipped (this database has or had an account of that name)");
    }
}
