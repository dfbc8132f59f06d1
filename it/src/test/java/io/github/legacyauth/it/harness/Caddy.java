package io.github.legacyauth.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The machine's Caddy (Debian's {@code caddy} package, 2.6), started on a free loopback port with the
 * project's documented Caddyfile, {@code docker/caddy/Caddyfile}, as it is: Caddy itself reads the
 * {@code {$NAME}} placeholders from the environment given here. Its state (autosave, certificates) stays
 * in {@code dir}.
 */
public final class Caddy implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private Caddy(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code caddy run} with the Caddyfile and these variables plus {@code CADDY_ADDRESS}. */
    public static Caddy start(Path caddyfile, Map<String, String> variables, Path dir) {
        String binary = System.getProperty("caddy.binary", "/usr/bin/caddy");
        if (!Files.isExecutable(Path.of(binary))) {
            throw new IllegalStateException("The gateway tests need Caddy at " + binary + " (Debian: apt-get install caddy)");
        }
        try {
            int port = KeycloakDistribution.freePort();
            Files.createDirectories(dir);
            Path log = dir.resolve("caddy.log");
            ProcessBuilder builder = new ProcessBuilder(binary, "run", "--config", caddyfile.toAbsolutePath().toString(),
                    "--adapter", "caddyfile")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> environment = builder.environment();
            environment.putAll(variables);
            environment.put("CADDY_ADDRESS", "http://:" + port);
            for (String home : List.of("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME")) {
                environment.put(home, dir.toAbsolutePath().toString());
            }
            Caddy caddy = new Caddy(builder.start(), port, log);
            caddy.awaitPort();
            return caddy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** What Caddy printed (its log goes to stderr). */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void awaitPort() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("caddy stopped: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("caddy did not listen on " + port + ": " + log());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
