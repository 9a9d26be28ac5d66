package dev.oauth2jwt.http.boundary;

import dev.oauth2jwt.errors.boundary.ApiException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Reads an {@code application/x-www-form-urlencoded} body. Any other body holds no form fields
 * (FastAPI then reports the required ones missing). Read here rather than by the JAX-RS runtime,
 * whose method selection turns an untyped body into 415 and whose decoding cannot be bounded.
 */
public final class FormBody {

    public static final String UNPARSABLE = BoundedBody.UNPARSABLE;

    private FormBody() {
    }

    /** The form fields; {@code declaredLength} is the Content-Length, -1 when unknown (chunked). */
    public static MultivaluedMap<String, String> read(MediaType type, long declaredLength, InputStream body) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(type) || body == null) {
            return form;
        }
        Charset charset = charset(type);
        String text = decode(BoundedBody.read(declaredLength, body), charset);
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

    /** The field's value when it was sent exactly once and not empty. */
    public static Optional<String> single(MultivaluedMap<String, String> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.size() != 1 || values.get(0).isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static Charset charset(MediaType type) {
        String name = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);   // known: RequestChecks ran first
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

}
