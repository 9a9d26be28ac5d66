package dev.oauth2jwt.http.boundary;

import dev.oauth2jwt.errors.boundary.RequestValidationException;
import dev.oauth2jwt.errors.entity.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Query parameters as FastAPI validates {@code Query(ge=.., le=..)}: 422 in pydantic's wording. */
public final class QueryParameters {

    /** The offset and limit of a page: {@code offset} from 0, {@code limit} 1 to {@code maxLimit}. */
    public record Page(int offset, int limit) {
    }

    private QueryParameters() {
    }

    public static Page page(String offset, String limit, int defaultLimit, int maxLimit) {
        List<FieldError> errors = new ArrayList<>();
        int from = integer("offset", offset, 0, 0, Integer.MAX_VALUE, errors);
        int count = integer("limit", limit, defaultLimit, 1, maxLimit, errors);
        if (!errors.isEmpty()) {
            throw new RequestValidationException(errors);
        }
        return new Page(from, count);
    }

    static int integer(String name, String text, int fallback, int min, int max, List<FieldError> errors) {
        if (text == null) {
            return fallback;
        }
        List<Object> loc = List.of("query", name);
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            errors.add(FieldError.of("int_parsing", loc, "Input should be a valid integer, unable to parse string as an integer", text));
            return fallback;
        }
        if (value < min) {
            errors.add(new FieldError("greater_than_equal", loc, "Input should be greater than or equal to " + min, text,
                    Map.of("ge", min)));
        } else if (value > max) {
            errors.add(new FieldError("less_than_equal", loc, "Input should be less than or equal to " + max, text,
                    Map.of("le", max)));
        }
        return value;
    }
}
