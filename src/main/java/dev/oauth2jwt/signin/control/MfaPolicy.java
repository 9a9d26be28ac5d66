package dev.oauth2jwt.signin.control;

import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.users.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who must prove a second factor ({@code MFA_REQUIRED}): nobody but those who enrolled one
 * ({@code none}, the default), accounts holding the {@code admin} scope ({@code admins}), or
 * everyone ({@code all}). A client's {@code require_mfa} and an application's {@code acr_values}
 * ask for it at the login page on top of this.
 */
@ApplicationScoped
public class MfaPolicy {

    /** The settings' words. */
    public enum Required { NONE, ADMINS, ALL }

    @Inject
    @ConfigProperty(name = "mfa.required")
    String setting;

    private Required required;

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing start-up instantiates the bean, so a bad MFA_REQUIRED stops the deployment
    }

    @PostConstruct
    void read() {
        required = parse(setting);
    }

    static Required parse(String setting) {
        try {
            return Required.valueOf(setting.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("MFA_REQUIRED is '" + setting + "'; it must be none, admins or all");
        }
    }

    public Required required() {
        return required;
    }

    /** Whether the account must prove a second factor at every login, whoever asks. */
    public boolean requiredFor(User user) {
        return switch (required) {
            case NONE -> false;
            case ADMINS -> user.scopes().contains(Scope.ADMIN.value());
            case ALL -> true;
        };
    }
}
