package dev.oauth2jwt.token.boundary;

import dev.oauth2jwt.errors.boundary.ApiException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads an {@code application/x-www-form-urlencoded} body. Any other body holds no form fields
 * (FastAPI then reports the required ones missing). Read here rather than by the JAX-RS runtime,
 * whose method selection turns an untyped body into 415 and whose decoding cannot be bounded.
 */
final class FormBody {

    /** Far above any honest login form; an upload here is refused before it is read whole. */
    static final int MAX_BYTES = 64 * 1024;
    static final String UNPARSABLE = "There was an error parsing the body";

    private FormBody() {
    }

    /** The form fields; {@code declaredLength} is the Content-Length, -1 when unknown (chunked). */
    static MultivaluedMap<String, String> read(MediaType type, long declaredLength, InputStream body) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(type) || body == null) {
            return form;
        }
        if (declaredLength > MAX_BYTES) {
            throw tooLarge();
        }
        Charset charset = charset(type);
        String text = decode(readBounded(body), charset);
        if (text.isEmpty()) {
            return form;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            form.add(unescape(name, charset), unescape(value, charset));
        }
        return form;
    }

    private static Charset charset(MediaType type) {
        String name = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);   // known: CharsetCheck ran first
    }

    private static byte[] readBounded(InputStream body) {
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

    private static String decode(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(400, UNPARSABLE);
        }
    }

    private static String unescape(String text, Charset charset) {
        String decoded;
        try {
            decoded = URLDecoder.decode(text, charset);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, UNPARSABLE);
        }
        if (decoded.indexOf('\0') >= 0) {
            throw new ApiException(400, "Form fields must not contain NUL characters");
        }
        return decoded;
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "Request body too large");
    }
}
