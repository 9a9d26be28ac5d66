package dev.oauth2jwt.clients.control;

import dev.oauth2jwt.caching.CacheSettings;
import dev.oauth2jwt.persistence.control.Database;

/** The real client store and admin on a test database, for the unit tests of other packages. */
public final class TestClients {

    private TestClients() {
    }

    public static ClientStore store(Database database) {
        ClientStore store = new ClientStore();
        store.database = database;
        store.cache = new CacheSettings(1000);
        store.init();
        return store;
    }

    public static ClientAdmin admin(ClientStore store) {
        ClientAdmin admin = new ClientAdmin();
        admin.store = store;
        return admin;
    }
}
