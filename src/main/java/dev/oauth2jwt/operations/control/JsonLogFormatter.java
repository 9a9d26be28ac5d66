package dev.oauth2jwt.operations.control;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line ({@code LOG_FORMAT=json}): time, level, logger, thread, message and,
 * if any, the exception with its stack trace, for log shippers that parse JSON.
 */
public class JsonLogFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(256).append('{');
        field(line, "timestamp", Instant.ofEpochMilli(record.getMillis()).toString()).append(',');
        field(line, "level", record.getLevel().getName()).append(',');
        field(line, "logger", record.getLoggerName()).append(',');
        field(line, "thread", Thread.currentThread().getName()).append(',');
        field(line, "message", formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(',');
            field(line, "exception", trace.toString());
        }
        return line.append("}\n").toString();
    }

    private static StringBuilder field(StringBuilder line, String name, String value) {
        line.append('"').append(name).append("\":");
        if (value == null) {
            return line.append("null");
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        return line.append('"');
    }
}
