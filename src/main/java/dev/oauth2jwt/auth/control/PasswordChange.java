package dev.oauth2jwt.auth.control;

import dev.oauth2jwt.users.control.HashingCapacity;
import dev.oauth2jwt.users.control.UserBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A user changing their own password. The current password is checked like a login, throttled
 * and counted, so a stolen access token cannot be used to guess it; success revokes every token.
 */
@ApplicationScoped
public class PasswordChange {

    public sealed interface Result {
        record Changed() implements Result {
        }

        record WrongPassword() implements Result {
        }

        record Throttled(long retryAfterSeconds) implements Result {
        }
    }

    @Inject
    LoginThrottle throttle;

    @Inject
    UserBean users;

    @Inject
    AuditLog audit;

    @Inject
    HashingCapacity capacity;

    public Result change(String username, String currentPassword, String newPassword, String clientAddress) {
        long wait = throttle.check(username, clientAddress).retryAfterSeconds();
        if (wait > 0) {
            audit.loginThrottled(username, clientAddress, "password change, retry after " + wait + " s");
            return new Result.Throttled(wait);
        }
        if (!capacity.run(() -> users.changePassword(username, currentPassword, newPassword))) {
            throttle.recordFailure(username, clientAddress);
            audit.login("failure", username, clientAddress, "wrong current password");
            return new Result.WrongPassword();
        }
        throttle.recordSuccess(username, clientAddress);
        audit.login("password changed", username, clientAddress, null);
        return new Result.Changed();
    }
}
