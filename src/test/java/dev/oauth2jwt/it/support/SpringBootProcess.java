package dev.oauth2jwt.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Spring Boot relying party (src/test/relying-parties/spring-boot, built by the invoker plugin
 * before the integration tests) as a process of its own, its output in a file.
 */
public record SpringBootProcess(Process process, Path logFile) {

    public static final Path JAR = Path.of(System.getProperty("it.work", "target/it-work")).resolveSibling("spring-relying-party")
            .resolve("spring-boot/target/spring-relying-party.jar");

    public static SpringBootProcess start(String name, int port, List<String> arguments) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError(JAR + " is missing: the build makes it (maven-invoker-plugin) before the integration tests");
        }
        Path log = PayaraMicroProcess.work(name).resolve("spring.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
        command.addAll(arguments);
        SpringBootProcess spring = new SpringBootProcess(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start(), log);
        if (!ServerProcesses.awaitLine(spring.process, log, "Started SpringRelyingParty", Duration.ofMinutes(2))) {
            spring.stop();
            throw new AssertionError("the Spring Boot relying party did not come up:\n" + spring.log());
        }
        return spring;
    }

    public String log() {
        return ServerProcesses.read(logFile);
    }

    public void stop() throws InterruptedException {
        ServerProcesses.stop(process, 30);
    }
}
