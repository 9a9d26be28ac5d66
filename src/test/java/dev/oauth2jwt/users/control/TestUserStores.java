package dev.oauth2jwt.users.control;

import dev.oauth2jwt.persistence.control.Database;

/** The real store on a test database, for tests of other packages. */
public final class TestUserStores {

    private TestUserStores() {
    }

    /** The real store on a test database, telling the observer when an account's sessions end. */
    public static UserStore on(Database database, java.util.function.Consumer<dev.oauth2jwt.users.entity.AccountSessionsEnding> observer) {
        UserStore store = on(database);
        store.sessionsEnding = new dev.oauth2jwt.testing.DirectEvent<dev.oauth2jwt.users.entity.AccountSessionsEnding>()
                .observedBy(observer);
        return store;
    }

    public static UserStore on(Database database) {
        UserStore store = new UserStore();
        store.database = database;
        store.cache = new dev.oauth2jwt.caching.CacheSettings(1000);
        store.sessionsEnding = new dev.oauth2jwt.testing.DirectEvent<>();
        store.checkCache();
        return store;
    }
}
