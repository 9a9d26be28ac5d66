package dev.oauth2jwt.users.control;

import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.caching.CacheSettings;
import dev.oauth2jwt.caching.ExpiringCache;
import dev.oauth2jwt.users.entity.AccountSessionsEnding;
import dev.oauth2jwt.users.entity.KnownUsername;
import dev.oauth2jwt.users.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The accounts, in the database. The token check reads them through a cache of at most one second
 * ({@code USERS_CACHE_MILLIS}), which this instance empties for a user as soon as it changes them:
 * a change made here counts at once, one made on another instance (or in the database) within a
 * second. Everything else reads the database.
 */
@ApplicationScoped
public class UserStore {

    static final int CACHE_SIZE = 10_000;

    @Inject
    Database database;

    @Inject
    CacheSettings cache;

    /** Told, inside the transaction, when an account's sessions end by a change or its deletion. */
    @Inject
    Event<AccountSessionsEnding> sessionsEnding;

    LongSupplier nanoTime = System::nanoTime;
    Clock clock = Clock.systemUTC();
    private ExpiringCache<String, Optional<User>> recentReads;
    private ExpiringCache<String, Optional<User>> recentReadsBySubject;

    @PostConstruct
    void checkCache() {
        recentReads = ExpiringCache.keepingFor(cache.maxAgeMillis(), CACHE_SIZE, () -> nanoTime.getAsLong());
        recentReadsBySubject = ExpiringCache.keepingFor(cache.maxAgeMillis(), CACHE_SIZE, () -> nanoTime.getAsLong());
    }

    public Optional<User> findByUsername(String username) {
        return database.read(em -> find(em, username));
    }

    /**
     * The user as the token check needs it: read at most {@code USERS_CACHE_MILLIS} ago. The entity is
     * shared by the requests of that second: read it, never change it.
     */
    public Optional<User> findForTokenCheck(String username) {
        return recentReads.get(username, this::findByUsername);
    }

    /**
     * The user as the database has it now, for a token check that found the cached one older than
     * the token's login; the cache then holds it so.
     */
    public Optional<User> rereadForTokenCheck(String username) {
        recentReads.forget(username);
        return findForTokenCheck(username);
    }

    /** As {@link #rereadForTokenCheck}, by subject identifier. */
    public Optional<User> rereadForTokenCheckBySubject(String subject) {
        recentReadsBySubject.forget(subject);
        return findForTokenCheckBySubject(subject);
    }

    /**
     * The account, locked for the caller's transaction, when its security stamp is still the one a
     * sign-in read before checking the password; empty when a revocation or a delete changed it
     * since. What a sign-in starts (a login session, a browser login) is started under this lock, so
     * a revocation committing later ends it too.
     */
    public static Optional<User> lockedIfUnchanged(EntityManager em, Long userId, String securityStamp) {
        User current = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        return current == null || !current.securityStamp().equals(securityStamp) ? Optional.empty() : Optional.of(current);
    }

    /** The account with this subject identifier (OpenID Connect's {@code sub}). */
    public Optional<User> findBySubject(String subject) {
        return database.read(em -> em.createQuery("SELECT u FROM User u WHERE u.subject = :subject", User.class)
                .setParameter("subject", subject)
                .getResultStream()
                .findFirst());
    }

    /** The account linked to this directory entry (its entryUUID or objectGUID). */
    public Optional<User> findByDirectoryId(String directoryId) {
        return database.read(em -> em.createQuery("SELECT u FROM User u WHERE u.directoryId = :id", User.class)
                .setParameter("id", directoryId)
                .getResultStream()
                .findFirst());
    }

    /** As {@link #findForTokenCheck}, by subject identifier: for tokens whose {@code sub} is that ({@code ACCESS_TOKEN_SUBJECT=id}). */
    public Optional<User> findForTokenCheckBySubject(String subject) {
        return recentReadsBySubject.get(subject, this::findBySubject);
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
        recentReads.forget(user.username());
        return database.inTransaction(em -> {
            if (find(em, user.username()).isPresent()) {
                return false;
            }
            remember(em, user.username());
            em.persist(user);
            return true;
        });
    }

    /**
     * Creates, in one transaction, those users whose username this database has never had; an
     * account deleted since it was imported or created stays deleted. Returns how many it created.
     */
    public int importUsers(Collection<User> users) {
        users.forEach(user -> recentReads.forget(user.username()));
        return database.inTransaction(em -> {
            int created = 0;
            for (User user : users) {
                if (em.find(KnownUsername.class, user.username()) == null && find(em, user.username()).isEmpty()) {
                    remember(em, user.username());
                    em.persist(user);
                    created++;
                }
            }
            return created;
        });
    }

    private void remember(EntityManager em, String username) {
        if (em.find(KnownUsername.class, username) == null) {
            em.persist(new KnownUsername(username, clock.millis()));
        }
    }

    /**
     * Applies a change to the user in one transaction; the updated user, or empty if there is none.
     * A change that ends the account's sessions (a new security stamp) is announced in it.
     */
    public Optional<User> update(String username, Consumer<User> change) {
        Optional<User> updated = Optional.empty();
        try {
            updated = database.inTransaction(em -> {
                Optional<User> user = find(em, username);
                user.ifPresent(found -> {
                    String stamp = found.securityStamp();
                    change.accept(found);
                    if (!stamp.equals(found.securityStamp())) {
                        sessionsEnding.fire(new AccountSessionsEnding(em, found.id(), found.subject(), stamp));
                    }
                });
                return user;
            });
            return updated;
        } finally {
            forget(username, updated.map(User::subject).orElse(null));
        }
    }

    public boolean delete(String username) {
        Optional<User> deleted = Optional.empty();
        try {
            deleted = database.inTransaction(em -> {
                Optional<User> user = find(em, username);
                user.ifPresent(found -> {
                    sessionsEnding.fire(new AccountSessionsEnding(em, found.id(), found.subject(), found.securityStamp()));
                    em.remove(found);
                });
                return user;
            });
            return deleted.isPresent();
        } finally {
            forget(username, deleted.map(User::subject).orElse(null));
        }
    }

    /** This instance's changes count at once: neither cache holds the account any longer. */
    private void forget(String username, String subject) {
        recentReads.forget(username);
        if (subject != null) {
            recentReadsBySubject.forget(subject);
        }
    }

    private static Optional<User> find(EntityManager em, String username) {
        return em.createQuery("SELECT u FROM User u WHERE u.username = :username", User.class)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }
}
