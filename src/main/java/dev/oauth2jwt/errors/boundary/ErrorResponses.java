package dev.oauth2jwt.errors.boundary;

import dev.oauth2jwt.errors.entity.ErrorDetail;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Builds the JSON error answers of the HTTP contract. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static Response.ResponseBuilder of(int status, String detail) {
        return Response.status(status, reasonPhrase(status))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorDetail(detail));
    }

    /** The detail FastAPI gives an HTTPException raised without one: the status' reason phrase. */
    public static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Entity";
            default -> status >= 500 ? "Internal Server Error" : "Bad Request";
        };
    }

    /** The Allow header of a 405 for a path relative to the application: the methods its resources declare. */
    public static String allowHeaderFor(String path) {
        return allowHeader(DeclaredMethods.of(path));
    }

    /**
     * The Allow header of a 405: the methods the resource declares. The runtime also answers HEAD
     * and OPTIONS by itself; FastAPI lists neither, and OPTIONS is refused (see ResponseDefaults).
     */
    public static String allowHeader(Set<String> methods) {
        Set<String> declared = new TreeSet<>();
        for (String value : methods) {
            for (String method : value.split(",")) {
                if (!method.isBlank()) {
                    declared.add(method.trim().toUpperCase(Locale.ROOT));
                }
            }
        }
        declared.remove(HttpMethod.OPTIONS);
        if (declared.contains(HttpMethod.GET)) {
            declared.remove(HttpMethod.HEAD);
        }
        return String.join(", ", declared);
    }
}
