package dev.oauth2jwt.operations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {

    final JsonLogFormatter formatter = new JsonLogFormatter();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void aRecordIsOneJsonObjectOnOneLine() throws Exception {
        LogRecord record = new LogRecord(Level.WARNING, "Database {0} at schema version {1}");
        record.setParameters(new Object[] {"jdbc:h2:mem:x", "3"});
        record.setLoggerName("dev.oauth2jwt.persistence");
        record.setMillis(1_795_000_000_000L);

        String line = formatter.format(record);

        assertTrue(line.endsWith("}\n"), line);
        assertEquals(1, line.split("\n", -1).length - 1, "exactly one line");
        JsonNode object = json.readTree(line);
        assertEquals("2026-11-18T11:06:40Z", object.get("timestamp").asText());
        assertEquals("WARNING", object.get("level").asText());
        assertEquals("dev.oauth2jwt.persistence", object.get("logger").asText());
        assertEquals("Database jdbc:h2:mem:x at schema version 3", object.get("message").asText());
    }

    @Test
    void quotesNewlinesAndControlCharactersCannotBreakTheLine() throws Exception {
        LogRecord record = new LogRecord(Level.INFO, "login user=\"eve\"\n{\"level\":\"SEVERE\"}\u0000\t\\ \u2028");
        record.setThrown(new IllegalStateException("boom\nline two"));

        String line = formatter.format(record);

        assertEquals(1, line.split("\n", -1).length - 1, line);
        JsonNode object = json.readTree(line);
        assertEquals("login user=\"eve\"\n{\"level\":\"SEVERE\"}\u0000\t\\ \u2028", object.get("message").asText());
        assertTrue(object.get("exception").asText().startsWith("java.lang.IllegalStateException: boom\nline two"),
                object.get("exception").asText());
    }
}
