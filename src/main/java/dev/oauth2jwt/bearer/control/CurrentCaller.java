package dev.oauth2jwt.bearer.control;

import dev.oauth2jwt.bearer.entity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The caller the token check admitted for the current request: what resources and the
 * {@code JsonWebToken} producer inject. Set once, by the bearer filter, when {@link BearerCheck} admits one.
 *
 * <p>Kept among the request's attributes rather than in a request-scoped bean: on Payara, creating
 * that bean for every request was 4 % of {@code GET /users/me/}'s time (Payara's injection services
 * look services up at every creation, even of a bean with nothing to inject).
 */
@ApplicationScoped
public class CurrentCaller {

    static final String ATTRIBUTE = CurrentCaller.class.getName();

    @Inject
    RequestAttributes attributes;

    public void admit(Caller admitted) {
        attributes.set(ATTRIBUTE, admitted);
    }

    /** The caller, on a resource marked {@code @Authenticated}. */
    public Caller get() {
        return find().orElseThrow(() -> new IllegalStateException("No bearer caller: is the resource annotated @Authenticated?"));
    }

    public Optional<Caller> find() {
        return attributes.get(ATTRIBUTE) instanceof Caller caller ? Optional.of(caller) : Optional.empty();
    }
}
