package dev.oauth2jwt.users.control;

import dev.oauth2jwt.persistence.control.Database;

/** The real store on a test database, for tests of other packages. */
public final class TestUserStores {

    private TestUserStores() {
    }

    public static UserStore on(Database database) {
        UserStore store = new UserStore();
        store.database = database;
        store.cache = new dev.oauth2jwt.caching.CacheSettings(1000);
        store.checkCache();
        return store;
    }
}
