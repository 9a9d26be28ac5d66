package dev.oauth2jwt.users.control;

import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Optional;

/** The accounts, in the database. */
@ApplicationScoped
public class UserStore {

    @Inject
    Database database;

    public Optional<User> findByUsername(String username) {
        return database.read(em -> em.createQuery("SELECT u FROM User u WHERE u.username = :username", User.class)
                .setParameter("username", username)
                .getResultStream()
                .findFirst());
    }

    /** Creates, in one transaction, those users whose username is not taken; returns how many. */
    public int createMissing(Collection<User> users) {
        return database.inTransaction(em -> {
            int created = 0;
            for (User user : users) {
                long existing = em.createQuery("SELECT COUNT(u) FROM User u WHERE u.username = :username", Long.class)
                        .setParameter("username", user.username())
                        .getSingleResult();
                if (existing == 0) {
                    em.persist(user);
                    created++;
                }
            }
            return created;
        });
    }
}
