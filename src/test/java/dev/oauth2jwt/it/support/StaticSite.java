package dev.oauth2jwt.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A single-page app served as any static web server would, on 127.0.0.1: its files, one file the
 * test writes (config.js), and index.html for the root (the app's redirect URI). The JDK's own HTTP
 * server: nothing of ours runs in it.
 */
public final class StaticSite implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.of(".html", "text/html; charset=utf-8",
            ".js", "text/javascript; charset=utf-8", ".map", "application/json");

    private final HttpServer server;

    private StaticSite(HttpServer server) {
        this.server = server;
    }

    /** Serves these files by name at the root, and config.js with this content. */
    public static StaticSite serve(int port, Map<String, Path> files, String configJs) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String name = exchange.getRequestURI().getPath().substring(1);
                if (name.isEmpty()) {
                    name = "index.html";
                }
                if (name.equals("config.js")) {
                    answer(exchange, 200, ".js", configJs.getBytes(StandardCharsets.UTF_8));
                } else if (files.containsKey(name)) {
                    answer(exchange, 200, name.substring(name.lastIndexOf('.')), Files.readAllBytes(files.get(name)));
                } else {
                    answer(exchange, 404, ".html", "not found".getBytes(StandardCharsets.UTF_8));
                }
            }
        });
        server.start();
        return new StaticSite(server);
    }

    private static void answer(HttpExchange exchange, int status, String extension, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
