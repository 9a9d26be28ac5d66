package dev.oauth2jwt.errors.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

    @Test
    void allowListsTheDeclaredMethodsLikeFastApi() {
        assertEquals("GET", ErrorResponses.allowHeader(Set.of("GET", "HEAD", "OPTIONS")));
        assertEquals("POST", ErrorResponses.allowHeader(Set.of("POST", "OPTIONS")));
        assertEquals("GET, POST", ErrorResponses.allowHeader(Set.of("POST", "GET", "HEAD")));
        assertEquals("GET", ErrorResponses.allowHeader(Set.of("HEAD,GET, OPTIONS")), "as one header value");
        assertEquals("GET", ErrorResponses.allowHeader(Set.of(" GET", "HEAD ")));
    }

    @Test
    void detailsAreTheReasonPhrases() {
        assertEquals("Not Found", ErrorResponses.reasonPhrase(404));
        assertEquals("Method Not Allowed", ErrorResponses.reasonPhrase(405));
        assertEquals("Unprocessable Entity", ErrorResponses.reasonPhrase(422));
        assertEquals("Internal Server Error", ErrorResponses.reasonPhrase(500));
    }
}
