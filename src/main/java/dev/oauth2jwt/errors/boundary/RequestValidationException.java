package dev.oauth2jwt.errors.boundary;

import dev.oauth2jwt.errors.entity.FieldError;
import java.util.List;

/** Thrown by a boundary when the request's fields do not validate; answered with 422. */
public class RequestValidationException extends RuntimeException {

    private final List<FieldError> errors;

    public RequestValidationException(List<FieldError> errors) {
        super("request validation failed", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
