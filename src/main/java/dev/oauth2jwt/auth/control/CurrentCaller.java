package dev.oauth2jwt.auth.control;

import dev.oauth2jwt.auth.entity.Caller;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * The caller the token check admitted for the current request: what resources and the
 * {@code JsonWebToken} producer inject. Set once, by {@link BearerCheck}.
 */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void admit(Caller admitted) {
        caller = admitted;
    }

    /** The caller, on a resource marked {@code @Authenticated}. */
    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("No bearer caller: is the resource annotated @Authenticated?");
        }
        return caller;
    }

    public Optional<Caller> find() {
        return Optional.ofNullable(caller);
    }
}
