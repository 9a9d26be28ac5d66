package dev.oauth2jwt.it.support;

import jakarta.json.Json;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plain HTTP client for the deployed server, as a real client would call it. Arquillian reports
 * the machine's address; the server is called on 127.0.0.1 at the same port.
 */
public final class Api {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final URI base;

    public Api(URL deployment) {
        this(URI.create("http://127.0.0.1:" + deployment.getPort() + "/"));
    }

    private Api(URI base) {
        this.base = base;
    }

    /** A client of another base URL, e.g. a server's management port. */
    public static Api at(String base) {
        return new Api(URI.create(base));
    }

    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public Answer get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public Answer method(String method, String path, String... headers) {
        return send(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    public Answer postForm(String path, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Content-Type", "application/x-www-form-urlencoded"));
        all.addAll(List.of(headers));
        return post(path, body.getBytes(StandardCharsets.UTF_8), all.toArray(String[]::new));
    }

    /** A body of unknown length (chunked), as a client streaming it sends it. */
    public Answer postChunked(String path, byte[] body, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(body))).build());
    }

    public Answer post(String path, byte[] body, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private String adminToken;

    /** A token of the test users' administrator (scopes me and admin), got once per client. */
    public String adminToken() {
        if (adminToken == null) {
            adminToken = login("admin-user", "janes-password", "me admin").getString("access_token");
        }
        return adminToken;
    }

    /** A call of an admin API (users, clients) as that administrator: a JSON body, or none. */
    public Answer asAdmin(String method, String path, String json) {
        String authorization = "Bearer " + adminToken();
        if (json == null) {
            return method.equals("POST") ? post(path, new byte[0], "Authorization", authorization)
                    : method(method, path, "Authorization", authorization);
        }
        return method.equals("PATCH") ? patchJson(path, json, "Authorization", authorization)
                : postJson(path, json, "Authorization", authorization);
    }

    /** Logs in through POST /token and returns the access token. */
    public String login(String username, String password) {
        return grant(Map.of("username", username, "password", password)).getString("access_token");
    }

    /** Logs in asking for scopes; returns the whole token answer. */
    public jakarta.json.JsonObject login(String username, String password, String scope) {
        return grant(Map.of("username", username, "password", password, "scope", scope));
    }

    private jakarta.json.JsonObject grant(Map<String, String> fields) {
        Answer answer = postForm("/token", form(fields));
        if (answer.status() != 200) {
            throw new AssertionError("login of " + fields.get("username") + " answered " + answer.status() + " " + answer.body());
        }
        return answer.json().asJsonObject();
    }

    public Answer postJson(String path, String json, String... headers) {
        return withBody("POST", path, json, headers);
    }

    public Answer patchJson(String path, String json, String... headers) {
        return withBody("PATCH", path, json, headers);
    }

    private Answer withBody(String method, String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, headers (names in lower case), body. */
    public record Answer(int status, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null ? null : String.join(", ", values);
        }

        public JsonStructure json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }
}
