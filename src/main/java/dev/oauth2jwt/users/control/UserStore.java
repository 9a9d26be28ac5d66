package dev.oauth2jwt.users.control;

import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The accounts, in the database. Nothing is cached: every instance sees every change at once. */
@ApplicationScoped
public class UserStore {

    @Inject
    Database database;

    public Optional<User> findByUsername(String username) {
        return database.read(em -> find(em, username));
    }

    public Optional<User> findById(long id) {
        return database.read(em -> Optional.ofNullable(em.find(User.class, id)));
    }

    /** The users ordered by username, from {@code offset}, at most {@code limit}. */
    public List<User> page(int offset, int limit) {
        return database.read(em -> em.createQuery("SELECT u FROM User u ORDER BY u.username", User.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList());
    }

    public long count() {
        return database.read(em -> em.createQuery("SELECT COUNT(u) FROM User u", Long.class).getSingleResult());
    }

    /** Creates the user unless the username is taken; returns whether it was created. */
    public boolean create(User user) {
        return createMissing(List.of(user)) == 1;
    }

    /** Creates, in one transaction, those users whose username is not taken; returns how many. */
    public int createMissing(Collection<User> users) {
        return database.inTransaction(em -> {
            int created = 0;
            for (User user : users) {
                if (find(em, user.username()).isEmpty()) {
                    em.persist(user);
                    created++;
                }
            }
            return created;
        });
    }

    /** Applies a change to the user in one transaction; the updated user, or empty if there is none. */
    public Optional<User> update(String username, Consumer<User> change) {
        return database.inTransaction(em -> {
            Optional<User> user = find(em, username);
            user.ifPresent(change);
            return user;
        });
    }

    public boolean delete(String username) {
        return database.inTransaction(em -> {
            Optional<User> user = find(em, username);
            user.ifPresent(em::remove);
            return user.isPresent();
        });
    }

    private static Optional<User> find(EntityManager em, String username) {
        return em.createQuery("SELECT u FROM User u WHERE u.username = :username", User.class)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }
}
