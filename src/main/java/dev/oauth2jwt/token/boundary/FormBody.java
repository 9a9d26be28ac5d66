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

    static MultivaluedMap<String, String> read(MediaType type, InputStream body) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(type) || body == null) {
            return form;
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
                throw new ApiException(413, "Request body too large");
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
        try {
            return URLDecoder.decode(text, charset);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, UNPARSABLE);
        }
    }
}
