package dev.oauth2jwt.grants.control;

import dev.oauth2jwt.errors.boundary.RequestValidationException;
import dev.oauth2jwt.errors.entity.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FastAPI's {@code OAuth2PasswordRequestForm}: {@code grant_type} (optional, exactly "password"),
 * {@code username} and {@code password} (required), {@code scope} (default empty),
 * {@code client_id} and {@code client_secret} (optional). As FastAPI reads forms, a field sent
 * empty counts as not sent: an empty username or password is missing (422), not wrong.
 */
public record PasswordGrantForm(String username, String password, String scope, String clientId,
                                String clientSecret) {

    static final String GRANT_TYPE_PATTERN = "^password$";
    static final List<String> FIELDS = List.of("grant_type", "username", "password", "scope", "client_id", "client_secret");

    /** The form, or a 422 listing every problem in field order. */
    public static PasswordGrantForm from(Map<String, List<String>> form) {
        List<FieldError> errors = new ArrayList<>();
        for (String field : FIELDS) {
            List<String> values = form.get(field);
            if (values != null && values.size() > 1) {
                // never a silent pick between two usernames or passwords
                errors.add(FieldError.repeated(field));
            }
        }
        if (!errors.isEmpty()) {
            throw new RequestValidationException(errors);
        }
        String grantType = value(form, "grant_type");
        if (grantType != null && !"password".equals(grantType)) {
            errors.add(FieldError.patternMismatch("grant_type", grantType, GRANT_TYPE_PATTERN));
        }
        String username = value(form, "username");
        if (username == null) {
            errors.add(FieldError.missing("username"));
        }
        String password = value(form, "password");
        if (password == null) {
            errors.add(FieldError.missing("password"));
        }
        if (!errors.isEmpty()) {
            throw new RequestValidationException(errors);
        }
        String scope = value(form, "scope");
        return new PasswordGrantForm(username, password, scope == null ? "" : scope,
                value(form, "client_id"), value(form, "client_secret"));
    }

    /** The field's value; null when it was not sent or sent empty. */
    private static String value(Map<String, List<String>> form, String field) {
        List<String> values = form.get(field);
        String value = values == null || values.isEmpty() ? null : values.get(0);
        return value == null || value.isEmpty() ? null : value;
    }

    @Override
    public String toString() {
        return "PasswordGrantForm[username=" + username + ", scope=" + scope + ", clientId=" + clientId + "]";
    }
}
