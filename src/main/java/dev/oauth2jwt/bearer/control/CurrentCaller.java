package dev.oauth2jwt.bearer.control;

import dev.oauth2jwt.bearer.entity.Caller;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * The caller the token check admitted for the current request: what resources and the
 * {@code JsonWebToken} producer inject. Set once, by the bearer filter, when {@link BearerCheck} admits one.
 */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    public void admit(Caller admitted) {
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
