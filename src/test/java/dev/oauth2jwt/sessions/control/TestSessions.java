package dev.oauth2jwt.sessions.control;

import dev.oauth2jwt.caching.CacheSettings;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.testing.TestClocks;
import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Login sessions, their refresh tokens and their check, wired as the server wires them, on a test's
 * database and clock, with the default settings: for unit tests here and in other packages.
 */
public final class TestSessions {

    public final SessionCheck check;
    public final RefreshTokens refreshTokens;
    public final LoginSessions loginSessions;

    private TestSessions(SessionCheck check, RefreshTokens refreshTokens, LoginSessions loginSessions) {
        this.check = check;
        this.refreshTokens = refreshTokens;
        this.loginSessions = loginSessions;
    }

    public static TestSessions on(Database database, Supplier<Instant> now, LongSupplier nanoTime) {
        return on(database, now, nanoTime, SessionSettings.defaults());
    }

    public static TestSessions on(Database database, Supplier<Instant> now, LongSupplier nanoTime, SessionSettings settings) {
        SessionCheck check = new SessionCheck();
        check.database = database;
        check.cache = new CacheSettings(1000);
        check.nanoTime = nanoTime;
        check.init();
        RefreshTokens refreshTokens = new RefreshTokens();
        refreshTokens.database = database;
        refreshTokens.sessions = check;
        refreshTokens.settings = settings;
        refreshTokens.clock = TestClocks.following(now);
        LoginSessions loginSessions = new LoginSessions();
        loginSessions.database = database;
        loginSessions.sessions = check;
        loginSessions.refreshTokens = refreshTokens;
        loginSessions.settings = settings;
        loginSessions.clock = TestClocks.following(now);
        return new TestSessions(check, refreshTokens, loginSessions);
    }
}
