package dev.oauth2jwt.sso.control;

import dev.oauth2jwt.access.AuthenticationMethods;
import dev.oauth2jwt.crypto.OpaqueTokens;
import dev.oauth2jwt.directory.control.DirectoryLogin;
import dev.oauth2jwt.housekeeping.Chore;
import dev.oauth2jwt.monitoring.AuditLog;
import dev.oauth2jwt.monitoring.Outcome;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.signin.control.MfaPolicy;
import dev.oauth2jwt.signin.control.SignIn;
import dev.oauth2jwt.sso.entity.PendingLogin;
import dev.oauth2jwt.throttling.control.LoginThrottle;
import dev.oauth2jwt.throttling.control.LoginThrottle.Attempt;
import dev.oauth2jwt.users.control.Passkeys;
import dev.oauth2jwt.users.control.SecondFactors;
import dev.oauth2jwt.users.control.Totp;
import dev.oauth2jwt.users.control.UserStore;
import dev.oauth2jwt.users.entity.SecondFactor;
import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The login page's second step. After the right password, an account with a second factor (or one
 * that must have one: {@code MFA_REQUIRED}, the client's {@code require_mfa}, {@code acr_values})
 * gets no browser login yet but a pending one, named by a random value in the next page's form;
 * what is posted there (an authenticator app's code, a recovery code, a passkey's assertion)
 * finishes it. A person who must have a factor and has none is shown a new authenticator-app
 * secret instead, enrolled by the first code from it. Wrong codes count in the failed-login
 * throttle as wrong passwords do, and a pending login takes at most {@value #MAX_FAILURES}; it lasts
 * {@code LOGIN_SECOND_STEP_SECONDS}. A passkey alone (passwordless) is a login of its own here too.
 */
@ApplicationScoped
public class SecondSteps implements Chore {

    static final int MAX_FAILURES = 5;

    /** What the login page's password step gives. */
    public sealed interface Step {
        /** No second step: the browser login started. */
        record Finished(SsoSessions.Started started) implements Step {
        }

        /**
         * The second step comes next: the form carries {@code token}; {@code kinds} the factors the
         * person has (totp, passkey); {@code enrolSecret} is set when the person must enrol.
         */
        record Pending(String token, String enrolSecret, String accountName, Set<String> kinds) implements Step, SignIn.Unfinished {

            public boolean offersCode() {
                return enrolSecret == null && (kinds.contains(SecondFactor.TOTP) || kinds.isEmpty());
            }

            public boolean offersPasskey() {
                return enrolSecret == null && kinds.contains(SecondFactor.PASSKEY);
            }
        }
    }

    /** How a code at the second step went. */
    public sealed interface Answer {
        /** The login is done; {@code recoveryCodes} are new ones to show once (after an enrolment), else empty. */
        record Done(SsoSessions.Started started, String username, List<String> recoveryCodes) implements Answer {
        }

        /** A wrong or replayed code: the same step again, with the secret to show again when enrolling. */
        record Wrong(String enrolSecret, String accountName, Set<String> kinds, long slowdownMillis) implements Answer {
        }

        /** Unknown, expired, out of attempts, or the account changed since the password: log in again. */
        record Expired() implements Answer {
        }

        record Throttled(long retryAfterSeconds) implements Answer {
        }
    }

    /** Where the browser login is to be kept. */
    public record Browser(String cookie, String address, String userAgent) {
    }

    @Inject
    Database database;

    @Inject
    SecondFactors factors;

    @Inject
    MfaPolicy policy;

    @Inject
    SsoSessions sessions;

    @Inject
    LoginThrottle throttle;

    @Inject
    DirectoryLogin directory;

    @Inject
    AuditLog audit;

    @Inject
    Passkeys passkeys;

    @Inject
    @ConfigProperty(name = "login.second-step-seconds")
    int stepSeconds;

    Clock clock = Clock.systemUTC();

    /**
     * After the right password: the browser login at once, or the second step (a pending login,
     * started under the account's lock as a browser login is). Empty when the account was revoked
     * or deleted since the password was read.
     */
    public Optional<Step> afterPassword(User user, String typedName, boolean secondFactorAsked, Browser browser) {
        Set<String> kinds = factors.kinds(user.id());
        boolean enrolled = !kinds.isEmpty();
        if (!enrolled && !secondFactorAsked && !policy.requiredFor(user)) {
            return sessions.start(user, browser.cookie(), AuthenticationMethods.PASSWORD_ONLY, browser.address(), browser.userAgent())
                    .map(Step.Finished::new);
        }
        String token = OpaqueTokens.generate();
        String secret = enrolled ? null : Totp.newSecret();
        long now = clock.millis();
        String counted = directory.throttleKey(typedName);
        boolean pending = database.inTransaction(em -> {
            // as a browser login starts: under the account's lock, and only if the password's reading still holds
            if (UserStore.lockedIfUnchanged(em, user.id(), user.securityStamp()).isEmpty()) {
                return false;
            }
            em.createQuery("DELETE FROM PendingLogin p WHERE p.userId = :user AND p.expiresAt < :now")
                    .setParameter("user", user.id())
                    .setParameter("now", now)
                    .executeUpdate();
            em.persist(new PendingLogin(OpaqueTokens.sha256(token), user.id(), user.securityStamp(), counted, now,
                    now + stepSeconds * 1000L, secret));
            return true;
        });
        return pending ? Optional.of(new Step.Pending(token, secret, user.username(), kinds)) : Optional.empty();
    }

    /**
     * The options for a passkey: of the pending login's account at its second step ({@code token}),
     * or (null) of a passwordless login; empty when the pending login is gone.
     */
    public Optional<JsonObject> passkeyOptions(String token, Passkeys.RelyingParty rp) {
        if (token == null) {
            return Optional.of(passkeys.requestOptions(null, rp));
        }
        if (!OpaqueTokens.wellFormed(token)) {
            return Optional.empty();
        }
        long now = clock.millis();
        return database.read(em -> Optional.ofNullable(em.find(PendingLogin.class, OpaqueTokens.sha256(token)))
                        .filter(pending -> pending.usableAt(now, MAX_FAILURES) && !pending.enrols())
                        .map(pending -> em.find(User.class, pending.userId())))
                .map(user -> passkeys.requestOptions(user, rp));
    }

    /**
     * A passwordless login with a passkey on the login page: the passkey names its account and its
     * authenticator verified the person (two factors in one). Failures count per address in the
     * throttle, as a refresh token's do, since no name was typed.
     */
    public Answer passwordless(String passkeyJson, Browser browser, Passkeys.RelyingParty rp) {
        LoginThrottle.Verdict verdict = throttle.admit(Attempt.PASSKEY, null, browser.address());
        if (verdict.refused()) {
            return new Answer.Throttled(verdict.retryAfterSeconds());
        }
        Optional<Passkeys.Assertion> asserted = passkeys.authenticate(passkeyJson, null, rp);
        User user = asserted.map(a -> database.read(em -> em.find(User.class, a.userId()))).orElse(null);
        if (user == null || user.disabled()) {
            throttle.failed(Attempt.PASSKEY, null, browser.address(), user == null ? "passkey refused" : "passkey of a disabled account");
            return new Answer.Wrong(null, "", Set.of(), verdict.slowdownMillis());
        }
        Optional<SsoSessions.Started> started = sessions.start(user, browser.cookie(),
                AuthenticationMethods.passkey(asserted.get().userVerified()), browser.address(), browser.userAgent());
        if (started.isEmpty()) {
            return new Answer.Expired();
        }
        audit.login(Outcome.SUCCESS, user.username(), browser.address(), "login page, passkey (passwordless)");
        return new Answer.Done(started.get(), user.username(), List.of());
    }

    /** A code typed at the second step, from this address, finishing the login in this browser when it is right. */
    public Answer secondStep(String token, String code, String passkeyJson, Browser browser, Passkeys.RelyingParty rp) {
        if (!OpaqueTokens.wellFormed(token)) {
            return new Answer.Expired();
        }
        String hash = OpaqueTokens.sha256(token);
        long now = clock.millis();
        PendingLogin pending = database.read(em -> em.find(PendingLogin.class, hash));
        if (pending == null || !pending.usableAt(now, MAX_FAILURES)) {
            return new Answer.Expired();
        }
        LoginThrottle.Verdict verdict = throttle.admit(Attempt.SECOND_FACTOR, pending.username(), browser.address());
        if (verdict.refused()) {
            return new Answer.Throttled(verdict.retryAfterSeconds());
        }
        if (!spend(hash, now)) {
            return new Answer.Expired();
        }
        User user = database.read(em -> em.find(User.class, pending.userId()));
        if (user == null || !user.securityStamp().equals(pending.securityStamp()) || user.disabled()) {
            audit.login(Outcome.FAILURE, pending.username(), browser.address(), "login page, second factor: account changed since the password");
            return new Answer.Expired();
        }
        List<String> recoveryCodes = List.of();
        String method;
        AuthenticationMethods proven = AuthenticationMethods.passwordAnd(AuthenticationMethods.ONE_TIME_CODE);
        if (passkeyJson != null && !pending.enrols()) {
            if (passkeys.authenticate(passkeyJson, user.id(), rp).isEmpty()) {
                return wrong(pending, user, browser, verdict, "passkey refused");
            }
            method = "passkey";
            proven = AuthenticationMethods.passwordAnd(AuthenticationMethods.HARDWARE_KEY, AuthenticationMethods.USER_PRESENCE);
        } else if (pending.enrols()) {
            Optional<String> enrolled = factors.enrolTotp(user.id(), "Authenticator app", pending.enrolSecret(), code);
            if (enrolled.isEmpty()) {
                return wrong(pending, user, browser, verdict, "wrong code from the authenticator app being enrolled");
            }
            recoveryCodes = factors.newRecoveryCodes(user.id());
            audit.account("authenticator app enrolled", user.username(), browser.address(), "the user, at the login page");
            method = "authenticator app enrolled";
        } else {
            SecondFactors.Verdict checked = factors.verify(user.id(), code);
            if (!checked.accepted()) {
                return wrong(pending, user, browser, verdict,
                        checked == SecondFactors.Verdict.REPLAYED ? "code already used" : "wrong code");
            }
            method = checked == SecondFactors.Verdict.OTP ? "authenticator app" : "recovery code";
        }
        // the pending login is used up before the browser login starts: two right answers at once start one
        int claimed = database.inTransaction(em -> em.createQuery("DELETE FROM PendingLogin p WHERE p.tokenHash = :hash")
                .setParameter("hash", hash).executeUpdate());
        if (claimed == 0) {
            return new Answer.Expired();
        }
        Optional<SsoSessions.Started> started = sessions.start(user, browser.cookie(), proven, browser.address(), browser.userAgent());
        if (started.isEmpty()) {
            audit.login(Outcome.FAILURE, pending.username(), browser.address(), "login page, second factor: account revoked during the login");
            return new Answer.Expired();
        }
        throttle.succeeded(Attempt.SECOND_FACTOR, pending.username(), browser.address());
        audit.login(Outcome.SUCCESS, user.username(), browser.address(), "login page, second factor: " + method);
        return new Answer.Done(started.get(), user.username(), recoveryCodes);
    }

    /**
     * Takes one attempt of the pending login under its row's lock (a wrong code is counted before it
     * is known to be wrong, so two requests at once cannot both slip past the limit); false when none is left.
     */
    private boolean spend(String hash, long now) {
        return database.inTransaction(em -> {
            PendingLogin locked = em.find(PendingLogin.class, hash, LockModeType.PESSIMISTIC_WRITE);
            if (locked == null || !locked.usableAt(now, MAX_FAILURES)) {
                return false;
            }
            locked.failed();
            return true;
        });
    }

    private Answer wrong(PendingLogin pending, User user, SecondSteps.Browser browser, LoginThrottle.Verdict verdict,
            String reason) {
        throttle.failed(Attempt.SECOND_FACTOR, pending.username(), browser.address(), reason);
        return new Answer.Wrong(pending.enrolSecret(), user.username(), factors.kinds(user.id()), verdict.slowdownMillis());
    }

    /** Forgets pending logins once they expired, at the housekeeping's round. */
    @Override
    public void runHousekeeping() {
        long now = clock.millis();
        database.inTransaction(em -> em.createQuery("DELETE FROM PendingLogin p WHERE p.expiresAt < :now")
                .setParameter("now", now)
                .executeUpdate());
    }
}
