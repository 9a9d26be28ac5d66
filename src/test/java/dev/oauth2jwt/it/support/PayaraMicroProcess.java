package dev.oauth2jwt.it.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One Payara Micro process running the built WAR with the given environment, its output in a file,
 * its H2 database under target/it-work/: for what Arquillian cannot do, a deployment meant to fail
 * or a restart on the same database.
 */
public record PayaraMicroProcess(Process process, Path logFile, Path databasePath, int port) {

    public static Path work(String name) throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("it.work", "target/it-work"))
                .toAbsolutePath().resolve("processes").resolve(name));
    }

    public static PayaraMicroProcess start(String name, Map<String, String> environment) throws Exception {
        return start(name, freePort(), environment);
    }

    /** On a port chosen beforehand, for configuration that names it (an issuer URL, say). */
    public static PayaraMicroProcess start(String name, int port, Map<String, String> environment) throws Exception {
        Path work = work(name);
        return start(work, List.of("--deploy", System.getProperty("it.war", "target/oauth2-jwt.war"), "--contextroot", "/"),
                Map.of("DB_URL", "jdbc:h2:file:" + work.resolve("db/oauth2-jwt"), "JWT_KEY_ENCRYPTION_KEY",
                        Deployments.KEY_ENCRYPTION_KEY), environment, port);
    }

    /** Another application, e.g. a consumer of our tokens, on a Payara Micro of its own. */
    public static PayaraMicroProcess startApplication(String name, Path war) throws Exception {
        return start(work(name), List.of("--deploy", war.toString(), "--contextroot", "/"), Map.of(), Map.of(), freePort());
    }

    /** Several applications on one Payara Micro, each at the context root its file name gives ({@code app1.war}: /app1). */
    public static PayaraMicroProcess startApplications(String name, int port, List<Path> wars) throws Exception {
        List<String> deploy = new java.util.ArrayList<>();
        wars.forEach(war -> deploy.addAll(List.of("--deploy", war.toString())));
        return start(work(name), deploy, Map.of(), Map.of(), port);
    }

    private static PayaraMicroProcess start(Path work, List<String> deploy, Map<String, String> defaults,
            Map<String, String> environment, int port) throws Exception {
        Path log = work.resolve("server.log");
        Path database = work.resolve("db/oauth2-jwt");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--nohazelcast", "--disablephonehome", "--port", String.valueOf(port)));
        command.addAll(deploy);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(defaults);
        builder.environment().putAll(environment);
        PayaraMicroProcess server = new PayaraMicroProcess(builder.start(), log, database, port);
        server.awaitReady();
        return server;
    }

    public void awaitReady() throws Exception {
        if (!ServerProcesses.awaitLine(process, logFile, "ready in", Duration.ofMinutes(3))) {
            stop();
            throw new AssertionError("Payara Micro did not come up:\n" + log());
        }
    }

    public String log() {
        return ServerProcesses.read(logFile);
    }

    public int postLogin() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=johndoe&password=secret"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public void stop() throws InterruptedException {
        ServerProcesses.stop(process, 60);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
