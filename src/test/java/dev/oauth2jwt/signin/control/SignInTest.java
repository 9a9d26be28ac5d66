package dev.oauth2jwt.signin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.oauth2jwt.directory.control.DirectoryLogin;
import dev.oauth2jwt.directory.control.DirectoryUnavailableException;
import dev.oauth2jwt.monitoring.AuditLog;
import dev.oauth2jwt.monitoring.Metrics;
import dev.oauth2jwt.monitoring.Outcome;
import dev.oauth2jwt.signin.control.SignIn.Channel;
import dev.oauth2jwt.signin.control.SignIn.Result;
import dev.oauth2jwt.throttling.control.LoginThrottle;
import dev.oauth2jwt.throttling.control.LoginThrottle.Attempt;
import dev.oauth2jwt.users.control.HashingCapacityTest;
import dev.oauth2jwt.users.control.SecondFactors;
import dev.oauth2jwt.users.control.ServerBusyException;
import dev.oauth2jwt.users.control.PasswordHasher;
import dev.oauth2jwt.users.control.UserBean;
import dev.oauth2jwt.users.control.UserBean.Login;
import dev.oauth2jwt.users.entity.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The order of a sign-in, the same for the password grant and the login page, with fakes that record what happened. */
class SignInTest {

    static final String ADDRESS = "192.0.2.1";

    final List<String> events = new ArrayList<>();
    long wait;
    long slowdown;
    boolean disabled;
    boolean accountChangedDuringLogin;
    /** What the directory says of the login; Local: the password is checked here. */
    DirectoryLogin.Answer directorysAnswer = new DirectoryLogin.Answer.Local();
    SignIn signIn;
    /** The accounts with a second factor. */
    Set<String> enrolled = new java.util.HashSet<>();

    @BeforeEach
    void setUp() {
        signIn = new SignIn();
        signIn.throttle = new LoginThrottle() {
            @Override
            public Verdict admit(Attempt attempt, String subject, String address) {
                if (wait > 0) {
                    events.add("throttled " + subject + " at " + address);
                }
                return new Verdict(wait, slowdown, true);
            }

            @Override
            public void failed(Attempt attempt, String subject, String address, String reason) {
                events.add(attempt + " failed for " + subject + " at " + address + " (" + reason + ")");
            }

            @Override
            public void succeeded(Attempt attempt, String subject, String address) {
                events.add(attempt + " count cleared for " + subject + " at " + address);
            }
        };
        signIn.users = new UserBean() {
            @Override
            public Login authenticate(String username, String password) {
                events.add("authenticated " + username);
                return "secret".equals(password)
                        ? new Login(UserBean.Outcome.SUCCESS, Optional.of(new User(username, null, null, "x", disabled, Set.of("me", "items"))))
                        : new Login(UserBean.Outcome.WRONG_PASSWORD, Optional.empty());
            }
        };
        signIn.capacity = HashingCapacityTest.withoutQueue(0);
        signIn.factors = new SecondFactors() {
            @Override
            public boolean enrolled(User user) {
                return enrolled.contains(user.username());
            }
        };
        signIn.mfa = new MfaPolicy();
        signIn.mfa.setting = "none";
        signIn.mfa.read();
        signIn.directory = new DirectoryLogin() {
            @Override
            public String throttleKey(String name) {
                return name;
            }

            @Override
            public Answer authenticate(String name, String password) {
                if (!(directorysAnswer instanceof Answer.Local)) {
                    events.add("asked the directory for " + name);
                }
                if (directorysAnswer == null) {
                    throw new DirectoryUnavailableException("connect error");
                }
                return directorysAnswer;
            }
        };
        signIn.hasher = new PasswordHasher() {
            @Override
            public long typicalCheckMillis() {
                return 270;
            }
        };
        signIn.metrics = new Metrics();
        signIn.audit = new AuditLog() {
            @Override
            public void login(Outcome outcome, String username, String client, String reason) {
                events.add("audit " + outcome + " " + username + " " + client + (reason == null ? "" : " (" + reason + ")"));
            }

            @Override
            public void loginBusy(String username, String client) {
                events.add("audit busy " + username + " " + client);
            }

            @Override
            public void loginUnavailable(String username, String client) {
                events.add("audit unavailable " + username + " " + client);
            }
        };
    }

    Result<String> signIn(String password, Channel channel) {
        return signIn.signIn("johndoe", password, ADDRESS, channel, user -> {
            events.add("session started for " + user.username());
            return accountChangedDuringLogin ? Optional.empty() : Optional.of("session-of-" + user.username());
        });
    }

    @Test
    void aSuccessStartsTheSessionThenClearsTheCountAndIsAuditedOnce() {
        Result<String> result = signIn("secret", Channel.TOKEN_ENDPOINT);

        assertEquals("session-of-johndoe", assertInstanceOf(Result.SignedIn.class, result).session());
        assertEquals(List.of("authenticated johndoe", "session started for johndoe", "LOGIN count cleared for johndoe at 192.0.2.1",
                "audit SUCCESS johndoe 192.0.2.1"), events);
    }

    @Test
    void thePasswordGrantRefusesAnAccountWithASecondFactorAfterTheRightPasswordOnly() {
        enrolled.add("johndoe");

        assertInstanceOf(Result.Refused.class, signIn("wrong", Channel.TOKEN_ENDPOINT), "a wrong password is the usual refusal");
        events.clear();
        assertInstanceOf(Result.SecondFactorRequired.class, signIn("secret", Channel.TOKEN_ENDPOINT));
        assertEquals(List.of("authenticated johndoe", "audit SECOND_FACTOR_REQUIRED johndoe 192.0.2.1 (use the login page)"), events,
                "no session, and the throttle's count stays");
    }

    @Test
    void thePasswordGrantRefusesWhomMfaRequiredNamesEvenWithoutAFactor() {
        signIn.mfa.setting = "all";
        signIn.mfa.read();
        assertInstanceOf(Result.SecondFactorRequired.class, signIn("secret", Channel.TOKEN_ENDPOINT));

        signIn.mfa.setting = "admins";
        signIn.mfa.read();
        assertInstanceOf(Result.SignedIn.class, signIn("secret", Channel.TOKEN_ENDPOINT), "johndoe holds no admin scope");
    }

    /** What a login page's password step gives when the second step follows. */
    record Pending(String name) implements SignIn.Unfinished {
    }

    @Test
    void aPasswordStepWithASecondStepToComeLeavesTheThrottlesCount() {
        enrolled.add("johndoe");
        Result<Object> result = signIn.signIn("johndoe", "secret", ADDRESS, Channel.LOGIN_PAGE, user -> Optional.of(new Pending("x")));

        assertInstanceOf(Pending.class, assertInstanceOf(Result.SignedIn.class, result).session());
        assertEquals(List.of("authenticated johndoe", "audit SECOND_FACTOR_ASKED johndoe 192.0.2.1 (login page)"), events,
                "cleared only once the second step is done: else the password would reset the count between guesses of the code");
    }

    @Test
    void theLoginPageSaysWhereInItsAuditLine() {
        signIn("secret", Channel.LOGIN_PAGE);

        assertEquals("audit SUCCESS johndoe 192.0.2.1 (login page)", events.get(events.size() - 1));
    }

    @Test
    void aLoginWhoseAccountWasRevokedMeanwhileIsRefused() {
        accountChangedDuringLogin = true;

        assertInstanceOf(Result.Refused.class, signIn("secret", Channel.TOKEN_ENDPOINT));
        assertEquals(List.of("authenticated johndoe", "session started for johndoe",
                "audit FAILURE johndoe 192.0.2.1 (account revoked or deleted during the login)"), events);
    }

    @Test
    void aDisabledAccountSignsInAtTheTokenEndpointAsTheSeedSaysButNotOnTheLoginPage() {
        disabled = true;

        assertInstanceOf(Result.SignedIn.class, signIn("secret", Channel.TOKEN_ENDPOINT));
        events.clear();
        assertInstanceOf(Result.Disabled.class, signIn("secret", Channel.LOGIN_PAGE));
        assertEquals(List.of("authenticated johndoe", "audit DISABLED johndoe 192.0.2.1 (login page)"), events, "no session started");
    }

    @Test
    void aUsernameUnderAttackIsSlowedDownWhateverTheOutcome() {
        slowdown = 2000;

        assertEquals(2000, assertInstanceOf(Result.SignedIn.class, signIn("secret", Channel.TOKEN_ENDPOINT)).slowdownMillis());
        assertEquals(2000, assertInstanceOf(Result.Refused.class, signIn("wrong", Channel.TOKEN_ENDPOINT)).slowdownMillis());
    }

    @Test
    void aFailureIsCountedAndAuditedWithItsReasonAndNoSessionStarts() {
        assertInstanceOf(Result.Refused.class, signIn("wrong", Channel.LOGIN_PAGE));

        assertEquals(List.of("authenticated johndoe", "LOGIN_PAGE failed for johndoe at 192.0.2.1 (wrong password)"), events);
    }

    @Test
    void aDirectoryLoginTakesNoHashingSlotAndIsAnsweredNoSoonerThanAPasswordCheckHere() {
        signIn.capacity = HashingCapacityTest.withoutQueue(0);
        directorysAnswer = new DirectoryLogin.Answer.SignedIn(new User("johndoe", null, null, User.NO_LOCAL_PASSWORD, false, Set.of("me")));

        Result.SignedIn<?> signedIn = assertInstanceOf(Result.SignedIn.class, signIn("directory-password", Channel.TOKEN_ENDPOINT));
        assertEquals(270, signedIn.slowdownMillis(), "as late as a local password check: timing tells no directory name apart");
        assertEquals(List.of("asked the directory for johndoe", "session started for johndoe",
                "LOGIN count cleared for johndoe at 192.0.2.1", "audit SUCCESS johndoe 192.0.2.1"), events, "no local password check");
    }

    @Test
    void aDirectoryRefusalIsCountedByTheThrottleLikeAWrongPasswordAndAnsweredAsLate() {
        directorysAnswer = new DirectoryLogin.Answer.Refused("unknown user");

        assertEquals(270, assertInstanceOf(Result.Refused.class, signIn("x", Channel.TOKEN_ENDPOINT)).slowdownMillis());
        assertEquals(List.of("asked the directory for johndoe", "LOGIN failed for johndoe at 192.0.2.1 (unknown user (directory))"), events);
        slowdown = 3000;
        assertEquals(3000, assertInstanceOf(Result.Refused.class, signIn("x", Channel.TOKEN_ENDPOINT)).slowdownMillis(),
                "a username under attack waits longer still");
    }

    @Test
    void anUnreachableDirectoryIsAuditedAndSaidSoNeverTakenForAWrongPassword() {
        directorysAnswer = null;

        assertThrows(DirectoryUnavailableException.class, () -> signIn("x", Channel.LOGIN_PAGE));
        assertEquals(List.of("asked the directory for johndoe", "audit unavailable johndoe 192.0.2.1"), events, "not counted as a failure");
    }

    @Test
    void aThrottledAttemptNeverReachesThePasswordCheck() {
        wait = 4;

        assertEquals(4, assertInstanceOf(Result.Throttled.class, signIn("secret", Channel.TOKEN_ENDPOINT)).retryAfterSeconds());
        assertEquals(List.of("throttled johndoe at 192.0.2.1"), events);
    }

    @Test
    void aThrottledAttemptIsAnsweredWithoutWaitingForTheHashingCapacity() throws Exception {
        signIn.capacity = HashingCapacityTest.withoutQueue(1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread busy = new Thread(() -> signIn.capacity.run(() -> {
            holding.countDown();
            awaitQuietly(release);
            return null;
        }));
        busy.start();
        holding.await();
        try {
            assertThrows(ServerBusyException.class, () -> signIn("secret", Channel.TOKEN_ENDPOINT));
            wait = 4;
            assertInstanceOf(Result.Throttled.class, signIn("secret", Channel.TOKEN_ENDPOINT));
            assertEquals(List.of("audit busy johndoe 192.0.2.1", "throttled johndoe at 192.0.2.1"), events);
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
}
