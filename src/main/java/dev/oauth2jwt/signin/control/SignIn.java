package dev.oauth2jwt.signin.control;

import dev.oauth2jwt.directory.control.DirectoryLogin;
import dev.oauth2jwt.directory.control.DirectoryUnavailableException;
import dev.oauth2jwt.monitoring.AuditLog;
import dev.oauth2jwt.monitoring.Metrics;
import dev.oauth2jwt.monitoring.Outcome;
import dev.oauth2jwt.throttling.control.LoginThrottle;
import dev.oauth2jwt.throttling.control.LoginThrottle.Attempt;
import dev.oauth2jwt.users.control.HashingCapacity;
import dev.oauth2jwt.users.control.PasswordHasher;
import dev.oauth2jwt.users.control.SecondFactors;
import dev.oauth2jwt.users.control.ServerBusyException;
import dev.oauth2jwt.users.control.UserBean;
import dev.oauth2jwt.users.control.UserBean.Login;
import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;

/**
 * Signing in with a password, the one way for the password grant and the login page: the
 * failed-login throttle (asked before queueing for hashing capacity, which a throttled caller must
 * not use, and again inside it, where the failures of logins that ran meanwhile count too), one slot
 * of hashing capacity, the password checked with equal work for every outcome, what the sign-in
 * gives started from the account as it was read before the password was checked (the caller's
 * {@link SessionStart} locks the account and compares its stamp, so a revocation meanwhile ends
 * it), then the throttle's count, one audit line and the metrics, each with one {@link Outcome}.
 * A name the directory is to check ({@link DirectoryLogin}) takes no hashing slot (a slow directory
 * must not hold the local accounts' logins up) and is answered no sooner than a password check here
 * takes, so that the timing tells neither a local account nor a directory name from an unknown one.
 */
@ApplicationScoped
public class SignIn {

    /** Where the user signs in. */
    public enum Channel {
        /** {@code POST /token}: a disabled account signs in too (the seed's rule; its tokens then grant nothing). */
        TOKEN_ENDPOINT(Attempt.LOGIN, true, false, null),
        /**
         * The login page of the single sign-on: a disabled account is told so after its right
         * password; a second step follows for an account with (or in need of) a second factor.
         */
        LOGIN_PAGE(Attempt.LOGIN_PAGE, false, true, "login page");

        private final Attempt attempt;
        private final boolean admitsDisabled;
        private final boolean asksSecondFactor;
        private final String auditReason;

        Channel(Attempt attempt, boolean admitsDisabled, boolean asksSecondFactor, String auditReason) {
            this.attempt = attempt;
            this.admitsDisabled = admitsDisabled;
            this.asksSecondFactor = asksSecondFactor;
            this.auditReason = auditReason;
        }
    }

    /**
     * What a password step gives when a second step follows (the login page's second factor): the
     * throttle keeps its count of failures until the second step is done, or an attacker who knows
     * the password could reset it between guesses of the code.
     */
    public interface Unfinished {
    }

    /** Starts what the sign-in gives (a login session, a browser login) from the account as read; empty when it changed since. */
    @FunctionalInterface
    public interface SessionStart<S> {
        Optional<S> start(User user);
    }

    /** How it went; the slowdowns say how late to answer at the earliest (a username under attack from elsewhere). */
    public sealed interface Result<S> {
        record SignedIn<S>(User user, S session, long slowdownMillis) implements Result<S> {
        }

        /** The right password of a disabled account, on a channel that does not admit them. */
        record Disabled<S>(long slowdownMillis) implements Result<S> {
        }

        /** A wrong password, an unknown user, or an account revoked or deleted during the sign-in: the client is told nothing more. */
        record Refused<S>(long slowdownMillis) implements Result<S> {
        }

        record Throttled<S>(long retryAfterSeconds) implements Result<S> {
        }

        /**
         * The right password of an account that must prove a second factor, on a channel that cannot
         * ask for one (the password grant): the login page must be used.
         */
        record SecondFactorRequired<S>(long slowdownMillis) implements Result<S> {
        }
    }

    @Inject
    LoginThrottle throttle;

    @Inject
    UserBean users;

    @Inject
    HashingCapacity capacity;

    @Inject
    DirectoryLogin directory;

    @Inject
    PasswordHasher hasher;

    @Inject
    AuditLog audit;

    @Inject
    SecondFactors factors;

    @Inject
    MfaPolicy mfa;

    @Inject
    Metrics metrics;

    /**
     * Signs the user in on the channel, starting what it gives with {@code start}.
     *
     * @throws ServerBusyException when no hashing capacity comes free in time (audited, counted)
     * @throws DirectoryUnavailableException when the directory had to be asked and could not answer (audited, counted)
     */
    public <S> Result<S> signIn(String username, String password, String address, Channel channel, SessionStart<S> start) {
        long started = System.nanoTime();
        try {
            Result<S> result = throttledOrSignIn(username, password, address, channel, start);
            metrics.login(outcomeOf(result), System.nanoTime() - started);
            return result;
        } catch (ServerBusyException e) {
            metrics.login(Outcome.BUSY, System.nanoTime() - started);
            throw e;
        } catch (DirectoryUnavailableException e) {
            audit.loginUnavailable(username, address);
            metrics.login(Outcome.UNAVAILABLE, System.nanoTime() - started);
            throw e;
        }
    }

    private <S> Result<S> throttledOrSignIn(String username, String password, String address, Channel channel,
            SessionStart<S> start) {
        String counted = directory.throttleKey(username);
        LoginThrottle.Verdict verdict = throttle.admit(channel.attempt, counted, address);
        if (verdict.refused()) {
            return new Result.Throttled<>(verdict.retryAfterSeconds());
        }
        DirectoryLogin.Answer answer = directory.authenticate(username, password);
        if (!(answer instanceof DirectoryLogin.Answer.Local)) {
            long notSooner = Math.max(verdict.slowdownMillis(), hasher.typicalCheckMillis());
            if (answer instanceof DirectoryLogin.Answer.Refused refused) {
                throttle.failed(channel.attempt, counted, address, refused.reason() + " (directory)");
                return new Result.Refused<>(notSooner);
            }
            return signedIn(((DirectoryLogin.Answer.SignedIn) answer).user(), username, counted, address, channel, start, notSooner);
        }
        try {
            return capacity.run(() -> inHashingSlot(username, counted, password, address, channel, start));
        } catch (ServerBusyException e) {
            audit.loginBusy(username, address);
            throw e;
        }
    }

    private <S> Result<S> inHashingSlot(String username, String counted, String password, String address, Channel channel,
            SessionStart<S> start) {
        LoginThrottle.Verdict verdict = throttle.admit(channel.attempt, counted, address);
        if (verdict.refused()) {
            return new Result.Throttled<>(verdict.retryAfterSeconds());
        }
        Login login = users.authenticate(username, password);
        if (login.user().isEmpty()) {
            throttle.failed(channel.attempt, counted, address, login.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            return new Result.Refused<>(verdict.slowdownMillis());
        }
        return signedIn(login.user().get(), username, counted, address, channel, start, verdict.slowdownMillis());
    }

    /** The password was right: what the sign-in gives, unless the account is disabled or changed meanwhile. */
    private <S> Result<S> signedIn(User user, String username, String counted, String address, Channel channel,
            SessionStart<S> start, long slowdownMillis) {
        if (user.disabled() && !channel.admitsDisabled) {
            // the password was right: saying so tells nothing to someone who does not know it
            audit.login(Outcome.DISABLED, username, address, channel.auditReason);
            return new Result.Disabled<>(slowdownMillis);
        }
        if (!channel.asksSecondFactor && (mfa.requiredFor(user) || factors.enrolled(user))) {
            // the password was right; the grant has no way to ask for the second factor, so it goes no further
            audit.login(Outcome.SECOND_FACTOR_REQUIRED, username, address, channel.attempt.where() + "use the login page");
            return new Result.SecondFactorRequired<>(slowdownMillis);
        }
        Optional<S> session = start.start(user);
        if (session.isEmpty()) {
            // the password was checked against a state that a revocation or delete has since ended
            audit.login(Outcome.FAILURE, username, address, channel.attempt.where() + "account revoked or deleted during the login");
            return new Result.Refused<>(slowdownMillis);
        }
        if (session.get() instanceof Unfinished) {
            audit.login(Outcome.SECOND_FACTOR_ASKED, username, address, channel.auditReason);
            return new Result.SignedIn<>(user, session.get(), slowdownMillis);
        }
        throttle.succeeded(channel.attempt, counted, address);
        audit.login(Outcome.SUCCESS, username, address, channel.auditReason);
        return new Result.SignedIn<>(user, session.get(), slowdownMillis);
    }

    private static Outcome outcomeOf(Result<?> result) {
        if (result instanceof Result.SignedIn) {
            return Outcome.SUCCESS;
        }
        return result instanceof Result.Throttled ? Outcome.THROTTLED : Outcome.FAILURE;
    }
}
