package dev.oauth2jwt.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.oauth2jwt.auth.control.PasswordLogin.Result;
import dev.oauth2jwt.auth.entity.IssuedToken;
import dev.oauth2jwt.users.control.HashingCapacityTest;
import dev.oauth2jwt.users.control.ServerBusyException;
import dev.oauth2jwt.users.control.UserBean;
import dev.oauth2jwt.users.control.UserBean.Login;
import dev.oauth2jwt.users.control.UserBean.Outcome;
import dev.oauth2jwt.users.entity.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The order of the login flow, with fakes that record what happened. */
class PasswordLoginTest {

    final List<String> events = new ArrayList<>();
    long wait;
    long slowdown;
    boolean accountChangedDuringLogin;
    PasswordLogin login;

    @BeforeEach
    void setUp() {
        login = new PasswordLogin();
        login.throttle = new LoginThrottle() {
            @Override
            public Verdict check(String username, String address) {
                return new Verdict(wait, slowdown);
            }

            @Override
            public void recordFailure(String username, String address) {
                events.add("failure counted for " + username + " at " + address);
            }

            @Override
            public void recordSuccess(String username, String address) {
                events.add("count cleared for " + username + " at " + address);
            }
        };
        login.users = new UserBean() {
            @Override
            public Login authenticate(String username, String password) {
                events.add("authenticated " + username);
                return "secret".equals(password)
                        ? new Login(Outcome.SUCCESS, Optional.of(new User(username, null, null, "x", false, Set.of("me", "items", "admin"))))
                        : new Login(Outcome.WRONG_PASSWORD, Optional.empty());
            }
        };
        login.issuer = new TokenIssuer() {
            @Override
            public IssuedToken issue(User user, Set<String> scopes, String sessionId) {
                return new IssuedToken("token-for-" + user.username() + "-in-" + sessionId, 1800, scopes);
            }
        };
        login.refreshTokens = new RefreshTokens() {
            @Override
            public Optional<Started> start(User user, Set<String> scopes) {
                return accountChangedDuringLogin ? Optional.empty()
                        : Optional.of(new Started("session-1", "refresh-for-" + user.username(), List.of()));
            }

            @Override
            public Exchange rotate(String presented, String requestedScope, String clientId) {
                return new Exchange.Refused("unknown refresh token");
            }
        };
        login.capacity = HashingCapacityTest.withoutQueue(0);
        login.metrics = new dev.oauth2jwt.auth.control.Metrics();
        login.audit = new AuditLog() {
            @Override
            public void login(String outcome, String username, String client, String reason) {
                events.add("audit " + outcome + " " + username + " " + client + (reason == null ? "" : " (" + reason + ")"));
            }

            @Override
            public void loginThrottled(String username, String client, String reason) {
                login("throttled", username, client, reason);
            }

            @Override
            public void loginBusy(String username, String client) {
                login("busy", username, client, null);
            }
        };
    }

    @Test
    void aSuccessClearsTheCountIsAuditedAndGetsAToken() {
        Result result = login.login("johndoe", "secret", "", "192.0.2.1");

        assertEquals(new Result.Granted(new IssuedToken("token-for-johndoe-in-session-1", 1800, Set.of("me", "items")),
                "refresh-for-johndoe", null, 0), result, "no scope asked: the defaults, never admin");
        assertEquals(List.of("authenticated johndoe", "count cleared for johndoe at 192.0.2.1", "audit success johndoe 192.0.2.1"),
                events);
    }

    @Test
    void aLoginWhoseAccountWasRevokedMeanwhileIsRefused() {
        accountChangedDuringLogin = true;

        assertEquals(new Result.Refused(0), login.login("johndoe", "secret", "", "192.0.2.1"));
        assertEquals(List.of("authenticated johndoe", "audit failure johndoe 192.0.2.1 (account revoked or deleted during the login)"),
                events);
    }

    @Test
    void aUsernameUnderAttackIsSlowedDownWhateverTheOutcome() {
        slowdown = 2000;

        assertEquals(2000, ((Result.Granted) login.login("johndoe", "secret", "", "192.0.2.1")).slowdownMillis());
        assertEquals(new Result.Refused(2000), login.login("johndoe", "wrong", "", "192.0.2.1"));
    }

    @Test
    void aRefusedRefreshTokenCountsAgainstTheAddress() {
        assertEquals(new Result.Refused(0), login.refresh("junk", null, "192.0.2.1"));
        assertEquals(List.of("failure counted for null at 192.0.2.1", "audit refresh refused null 192.0.2.1 (unknown refresh token)"),
                events);

        events.clear();
        wait = 3;
        assertEquals(new Result.Throttled(3), login.refresh("junk", null, "192.0.2.1"));
        assertEquals(List.of("audit throttled null 192.0.2.1 (refresh token, retry after 3 s)"), events);
    }

    @Test
    void aFailureIsCountedAndAuditedWithItsReason() {
        assertInstanceOf(Result.Refused.class, login.login("johndoe", "wrong", "", "192.0.2.1"));

        assertEquals(List.of("authenticated johndoe", "failure counted for johndoe at 192.0.2.1",
                "audit failure johndoe 192.0.2.1 (wrong password)"), events);
    }

    @Test
    void aThrottledAttemptNeverReachesThePasswordCheck() {
        wait = 4;

        assertEquals(new Result.Throttled(4), login.login("johndoe", "secret", "", "192.0.2.1"));
        assertEquals(List.of("audit throttled johndoe 192.0.2.1 (retry after 4 s)"), events);
    }

    @Test
    void aThrottledAttemptIsAnsweredWithoutWaitingForTheHashingCapacity() throws Exception {
        login.capacity = HashingCapacityTest.withoutQueue(1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread busy = new Thread(() -> login.capacity.run(() -> {
            holding.countDown();
            awaitQuietly(release);
            return null;
        }));
        busy.start();
        holding.await();
        try {
            assertThrows(ServerBusyException.class, () -> login.login("johndoe", "secret", "", "192.0.2.1"));
            wait = 4;
            assertEquals(new Result.Throttled(4), login.login("johndoe", "secret", "", "192.0.2.1"));
            assertEquals(List.of("audit busy johndoe 192.0.2.1", "audit throttled johndoe 192.0.2.1 (retry after 4 s)"), events);
        } finally {
            release.countDown();
            busy.join();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theGrantedScopesAreThoseAskedForThatTheUserMayHave() {
        Result result = login.login("johndoe", "secret", "admin me unknown", "192.0.2.1");

        assertEquals(Set.of("admin", "me"), ((Result.Granted) result).accessToken().scopes());
    }
}
