package dev.oauth2jwt.it.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An application's back-channel logout endpoint, as the JDK's HTTP server on 127.0.0.1: it keeps
 * every logout token POSTed to it and answers 200; it can go down and come back on the same port.
 * It checks nothing itself: the relying parties' own tests (Spring, WildFly, mod_auth_openidc) do.
 */
public final class BackChannelReceiver implements AutoCloseable {

    private final List<String> tokens = new ArrayList<>();
    private final int port;
    private HttpServer server;

    private BackChannelReceiver(int port) {
        this.port = port;
    }

    public static BackChannelReceiver start() throws IOException {
        BackChannelReceiver receiver = new BackChannelReceiver(PayaraMicroProcess.freePort());
        receiver.up();
        return receiver;
    }

    public String uri() {
        return "http://127.0.0.1:" + port + "/backchannel-logout";
    }

    public synchronized void up() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/backchannel-logout", exchange -> {
            try (exchange) {
                String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
                boolean post = "POST".equals(exchange.getRequestMethod()) && form.startsWith("logout_token=")
                        && String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                        .startsWith("application/x-www-form-urlencoded");
                if (post) {
                    record(URLDecoder.decode(form.substring("logout_token=".length()), StandardCharsets.US_ASCII));
                }
                exchange.sendResponseHeaders(post ? 200 : 400, -1);
            }
        });
        server.start();
    }

    public synchronized void down() {
        server.stop(0);
    }

    private synchronized void record(String token) {
        tokens.add(token);
        notifyAll();
    }

    public synchronized List<String> tokens() {
        return List.copyOf(tokens);
    }

    /** The first logout token received that matches (its payload as JSON), waiting up to the timeout. */
    public synchronized Optional<String> await(Predicate<String> matching, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<String> found = tokens.stream().filter(matching).findFirst();
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (found.isPresent() || left <= 0) {
                return found;
            }
            wait(left);
        }
    }

    @Override
    public void close() {
        down();
    }
}
