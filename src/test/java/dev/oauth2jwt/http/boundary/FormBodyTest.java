package dev.oauth2jwt.http.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.errors.boundary.ApiException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    static final MediaType FORM = MediaType.APPLICATION_FORM_URLENCODED_TYPE;

    static MultivaluedMap<String, String> read(MediaType type, byte[] body) {
        return FormBody.read(type, body.length, new ByteArrayInputStream(body));
    }

    static MultivaluedMap<String, String> read(String body) {
        return read(FORM, body.getBytes(StandardCharsets.UTF_8));
    }

    static int refusal(MediaType type, byte[] body) {
        return assertThrows(ApiException.class, () -> read(type, body)).status();
    }

    @Test
    void decodesPercentEscapesAndPlusSigns() {
        MultivaluedMap<String, String> form = read("username=j%C3%B6hn+doe&password=p%26ss%3Dword&scope=me+items");

        assertEquals("jöhn doe", form.getFirst("username"));
        assertEquals("p&ss=word", form.getFirst("password"));
        assertEquals("me items", form.getFirst("scope"));
    }

    @Test
    void keepsEmptyValuesAndEveryRepetition() {
        MultivaluedMap<String, String> form = read("username=&password&username=b&&");

        assertEquals(List.of("", "b"), form.get("username"));
        assertEquals(List.of(""), form.get("password"));
    }

    @Test
    void honoursTheDeclaredCharset() {
        byte[] latin1 = "username=j\u00f6hn".getBytes(StandardCharsets.ISO_8859_1);

        assertEquals("jöhn", read(new MediaType("application", "x-www-form-urlencoded", Map.of("charset", "ISO-8859-1")), latin1)
                .getFirst("username"));
    }

    @Test
    void otherBodiesHoldNoFormFields() {
        byte[] body = "username=johndoe&password=secret".getBytes(StandardCharsets.UTF_8);

        assertTrue(read(MediaType.APPLICATION_JSON_TYPE, body).isEmpty());
        assertTrue(read(null, body).isEmpty());
        assertTrue(read(MediaType.TEXT_PLAIN_TYPE, body).isEmpty());
    }

    @Test
    void brokenEncodingsAre400() {
        assertEquals(400, refusal(FORM, "username=%zz".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(400, refusal(FORM, "username=%".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(400, refusal(FORM, new byte[]{'a', '=', (byte) 0xFF}));
    }

    @Test
    void nulCharactersAre400() {
        assertEquals(400, refusal(FORM, "username=john%00doe&password=x".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeReading() {
        java.io.InputStream neverRead = new java.io.InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read");
            }
        };

        ApiException refused = assertThrows(ApiException.class, () -> FormBody.read(FORM, 10_000_000, neverRead));
        assertEquals(413, refused.status());
    }

    @Test
    void bodiesOverTheLimitAre413() {
        byte[] limit = new byte[BoundedBody.MAX_BYTES];
        java.util.Arrays.fill(limit, (byte) 'a');
        assertEquals(1, read(FORM, limit).size());

        byte[] over = new byte[BoundedBody.MAX_BYTES + 1];
        java.util.Arrays.fill(over, (byte) 'a');
        assertEquals(413, refusal(FORM, over));
        ApiException chunked = assertThrows(ApiException.class, () -> FormBody.read(FORM, -1, new ByteArrayInputStream(over)));
        assertEquals(413, chunked.status(), "no Content-Length: refused after reading one byte past the limit");
    }
}
