package dev.oauth2jwt.grants.control;

import dev.oauth2jwt.clients.control.ClientAuthenticator.Identification;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A request to {@code POST /token}: the form's fields (each name's values, as sent), the client as
 * the request identifies it (asked only by the grants that take a client: the password grant never
 * looks, as FastAPI's never did), and the caller's address.
 */
public final class TokenRequest {

    private final Map<String, List<String>> form;
    private final Supplier<Identification> identify;
    private final String address;
    private Identification client;

    public TokenRequest(Map<String, List<String>> form, Supplier<Identification> identify, String address) {
        this.form = form;
        this.identify = identify;
        this.address = address;
    }

    public Map<String, List<String>> form() {
        return form;
    }

    /** The field's value when it was sent exactly once and not empty. */
    public Optional<String> single(String name) {
        List<String> values = form.get(name);
        return values == null || values.size() != 1 || values.get(0).isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Whether the field was sent more than once. */
    public boolean repeated(String name) {
        List<String> values = form.get(name);
        return values != null && values.size() > 1;
    }

    /** The client, identified (and its secret checked, throttled) once, when a grant first asks. */
    public Identification client() {
        if (client == null) {
            client = identify.get();
        }
        return client;
    }

    public String address() {
        return address;
    }
}
