package io.github.legacyauth.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stock Keycloak distribution (unpacked from {@code keycloak-quarkus-dist}) with the extension JAR
 * copied into {@code providers/}, built with {@code kc.sh build} and started with {@code kc.sh start}:
 * exactly what an admin does. Server output goes to a log file so tests can read it.
 */
public final class KeycloakDistribution {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    /**
     * Build options of every server here: health checks (the harness waits on them), metrics (tests count
     * Keycloak's own password hashes with them) and Keycloak's declarative admin-console pages, which show
     * the extension's settings page.
     */
    static final List<String> BUILD_OPTIONS = List.of("--health-enabled=true", "--metrics-enabled=true",
            "--features=declarative-ui");

    private static final Pattern HASHING_COUNTER = Pattern.compile(
            "^keycloak_credentials_password_hashing_validations_total\\{([^}]*)} ([0-9.eE+]+)$", Pattern.MULTILINE);
    private static final Pattern OUTCOME_LABEL = Pattern.compile("outcome=\"([^\"]*)\"");

    private final Path home;
    private Process process;
    private int httpPort;
    private int managementPort;
    private Path log;

    public KeycloakDistribution(Path home) {
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home);
        }
        this.home = home;
    }

    public Path home() {
        return home;
    }

    /** Copies the extension into {@code providers/}, as the README tells an admin to. */
    public KeycloakDistribution install(Path extensionJar) throws IOException {
        Path installed = home.resolve("providers").resolve(extensionJar.getFileName());
        // the same bytes stay untouched: Keycloak's optimized start refuses a provider newer than its build
        if (!Files.exists(installed) || Files.mismatch(extensionJar, installed) != -1) {
            Files.copy(extensionJar, installed, StandardCopyOption.REPLACE_EXISTING);
        }
        return this;
    }

    /** {@code kc.sh build} with the given build options; its output goes to {@code buildLog}. */
    public KeycloakDistribution build(Path buildLog, String... options) throws IOException, InterruptedException {
        return build(buildLog, BUILD_OPTIONS, options);
    }

    /**
     * {@code kc.sh build} unless the last build here was of the same extension JAR (byte for byte, installed
     * copy untouched since) with the same options: what a restart of the demo can reuse. Returns whether it
     * built.
     */
    public boolean buildIfChanged(Path extensionJar, Path buildLog, String... options)
            throws IOException, InterruptedException {
        Path marker = home.resolve(".legacy-auth-build");
        String built;
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            // the installed copy's time too: Keycloak refuses an optimized start with a provider newer than its build
            built = java.util.HexFormat.of().formatHex(sha.digest(Files.readAllBytes(extensionJar)))
                    + ' ' + Files.getLastModifiedTime(home.resolve("providers").resolve(extensionJar.getFileName()))
                    + ' ' + String.join(" ", BUILD_OPTIONS) + ' ' + String.join(" ", options);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (Files.exists(marker) && Files.readString(marker).equals(built)) {
            return false;
        }
        Files.deleteIfExists(marker);
        build(buildLog, options);
        Files.writeString(marker, built);
        return true;
    }

    /**
     * {@code kc.sh build} with health and metrics but no experimental feature (no {@code declarative-ui}):
     * a server as an admin who enables nothing experimental runs it.
     */
    public KeycloakDistribution buildWithoutExperimentalFeatures(Path buildLog) throws IOException, InterruptedException {
        return build(buildLog, List.of("--health-enabled=true", "--metrics-enabled=true"));
    }

    /**
     * {@code kc.sh build} with the test servers' options but metrics off: no registry behind Micrometer's
     * global one, so the extension's meters record nothing (the benchmark's baseline for their cost).
     */
    public KeycloakDistribution buildWithoutMetrics(Path buildLog) throws IOException, InterruptedException {
        return build(buildLog, BUILD_OPTIONS.stream()
                .map(option -> option.equals("--metrics-enabled=true") ? "--metrics-enabled=false" : option).toList());
    }

    /** A fresh copy of the stock distribution in {@code home} with the extension installed, not built yet. */
    public static KeycloakDistribution freshCopy(Path home) throws IOException {
        KeycloakServer.deleteRecursively(home);
        KeycloakCluster.copy(Path.of(KeycloakServer.required("keycloak.home")), home);
        return new KeycloakDistribution(home).install(Path.of(KeycloakServer.required("legacy-auth.jar")));
    }

    private KeycloakDistribution build(Path buildLog, List<String> buildOptions, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(buildOptions);
        command.addAll(List.of(options));
        Process build = processBuilder(command, buildLog, Map.of()).start();
        if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
            build.destroyForcibly();
            throw new IllegalStateException("kc.sh build failed; see " + buildLog + "\n" + tail(buildLog));
        }
        return this;
    }

    /**
     * {@code kc.sh start --optimized} on the given HTTP port (0 = any free port), waits until the
     * management interface reports ready.
     */
    public KeycloakDistribution start(int port, Path serverLog, Map<String, String> environment, String... options)
            throws IOException, InterruptedException {
        httpPort = port == 0 ? freePort() : port;
        managementPort = freePort();
        log = serverLog;
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                "--hostname-strict=false", "--log-console-color=false"));
        command.addAll(List.of(options));
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.putIfAbsent("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.putIfAbsent("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        process = processBuilder(command, serverLog, env).start();
        awaitReady(Duration.ofMinutes(4));
        return this;
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The management interface ({@code /health}, {@code /metrics}). */
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    /**
     * How many passwords Keycloak's password credential provider has checked with a hash in a realm, by
     * outcome ({@code valid}, {@code invalid}, {@code error}), read from its own counter
     * {@code keycloak_credentials_password_hashing_validations_total} at {@code /metrics}. Only real checks
     * count: a password found in the extension's cache, or the hash a refusal spends without a check, does not.
     */
    public Map<String, Long> passwordHashes(String realm) {
        return passwordHashes(managementUrl(), realm);
    }

    /** The same, from the management interface at {@code managementUrl}. */
    static Map<String, Long> passwordHashes(String managementUrl, String realm) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String metrics;
        try {
            metrics = client.send(HttpRequest.newBuilder(URI.create(managementUrl + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, Long> counts = new TreeMap<>();
        Matcher matcher = HASHING_COUNTER.matcher(metrics);
        while (matcher.find()) {
            String labels = matcher.group(1);
            if (labels.contains("realm=\"" + realm + "\"")) {
                Matcher outcome = OUTCOME_LABEL.matcher(labels);
                counts.merge(outcome.find() ? outcome.group(1) : "", (long) Double.parseDouble(matcher.group(2)), Long::sum);
            }
        }
        return counts;
    }

    public Path log() {
        return log;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        process = null;
    }

    /** Ends the server with SIGKILL, its JVM first: no shutdown hook runs, nothing is flushed or left cleanly. */
    public void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle child : children) {
            child.onExit().join();
        }
        process = null;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create("http://localhost:" + managementPort + "/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log
                        + "\n" + tail(log));
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(ready).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak not ready after " + timeout + "; see " + log + "\n" + tail(log));
    }

    private ProcessBuilder processBuilder(List<String> command, Path output, Map<String, String> env)
            throws IOException {
        Files.createDirectories(output.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(env);
        String javaHome = System.getProperty("java.home");
        builder.environment().putIfAbsent("JAVA_HOME", javaHome);
        return builder;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
