package dev.oauth2jwt.http.boundary;

import dev.oauth2jwt.errors.boundary.ApiException;
import java.io.IOException;
import java.io.InputStream;

/** A request body read whole but never past 64 KiB: far above any honest form or JSON here. */
public final class BoundedBody {

    public static final int MAX_BYTES = 64 * 1024;
    public static final String UNPARSABLE = "There was an error parsing the body";
    public static final String TOO_LARGE = "Request body too large";

    private BoundedBody() {
    }

    /**
     * The body's bytes; {@code declaredLength} is the Content-Length, -1 when unknown (chunked).
     * Too large: 413, from the declared length before anything is read, else after 64 KiB.
     */
    public static byte[] read(long declaredLength, InputStream body) {
        if (declaredLength > MAX_BYTES) {
            throw tooLarge();
        }
        if (body == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new ApiException(400, UNPARSABLE);
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, TOO_LARGE);
    }
}
