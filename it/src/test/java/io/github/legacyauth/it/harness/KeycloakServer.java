package io.github.legacyauth.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * The one Keycloak server of a test run: the real distribution with the freshly built extension, on
 * a free port, started once and stopped when the run ends. Its log is {@code target/keycloak-server.log}.
 * With {@code -Dkeycloak.runtime=container} (the {@code testcontainers} Maven profile) it is the official
 * image instead, with the same JAR, started through testcontainers-keycloak ({@link ContainerRuntime}).
 */
public final class KeycloakServer implements ExtensionContext.Store.CloseableResource {

    /** What runs the server: the distribution on this machine, or a container. */
    interface Runtime {
        String baseUrl();

        int httpPort();

        String managementUrl();

        String log();

        void restart();

        Path home();

        void stop() throws InterruptedException;
    }

    private final Runtime distribution;
    private final Keycloak admin;

    private KeycloakServer(Runtime distribution) {
        this.distribution = distribution;
        this.admin = Keycloak.getInstance(distribution.baseUrl(), "master",
                KeycloakDistribution.ADMIN_USER, KeycloakDistribution.ADMIN_PASSWORD, "admin-cli");
    }

    /** Whether the server is the official image in a container rather than the distribution on this machine. */
    public static boolean inContainer() {
        return "container".equals(System.getProperty("keycloak.runtime"));
    }

    /**
     * Runtime options of the test server. Proxy headers are read, as behind the gateways the extension
     * serves ({@code X-Forwarded-Proto: https} makes the request HTTPS, e.g. for the cookies' Secure flag).
     */
    private static final String[] START_OPTIONS = {"--cache=local", "--proxy-headers=xforwarded",
            "--log-level=INFO,io.github.legacyauth:debug"};

    public static KeycloakServer start() {
        if (inContainer()) {
            return new KeycloakServer(ContainerRuntime.start(Path.of(required("legacy-auth.jar")), START_OPTIONS));
        }
        Path home = Path.of(required("keycloak.home"));
        Path logDir = Path.of(required("keycloak.log.dir"));
        try {
            deleteRecursively(home.resolve("data"));
            // each run reads only its own server's output
            Files.deleteIfExists(logDir.resolve("keycloak-server.log"));
            Files.deleteIfExists(logDir.resolve("keycloak-build.log"));
            KeycloakDistribution distribution = new KeycloakDistribution(home)
                    .install(Path.of(required("legacy-auth.jar")))
                    .build(logDir.resolve("keycloak-build.log"))
                    .start(0, logDir.resolve("keycloak-server.log"), serverEnvironment(), START_OPTIONS);
            return new KeycloakServer(new LocalRuntime(distribution));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Another server beside the run's own, from a fresh copy of the distribution in {@code dir}, with
     * metrics on or off (the benchmark compares the two); its logs are in {@code dir}.
     */
    public static KeycloakServer startCopy(Path dir, boolean metrics) {
        return startCopy(dir, metrics, true);
    }

    /** The same; {@code extensionMeters} false starts it with {@code -Dlegacy-auth.metrics=false}. */
    public static KeycloakServer startCopy(Path dir, boolean metrics, boolean extensionMeters) {
        try {
            Files.createDirectories(dir);
            KeycloakDistribution copy = KeycloakDistribution.freshCopy(dir.resolve("keycloak"));
            if (metrics) {
                copy.build(dir.resolve("keycloak-build.log"));
            } else {
                copy.buildWithoutMetrics(dir.resolve("keycloak-build.log"));
            }
            Map<String, String> environment = new java.util.HashMap<>(serverEnvironment());
            if (!extensionMeters) {
                environment.merge("JAVA_OPTS_APPEND", "-Dlegacy-auth.metrics=false", (a, b) -> a + " " + b);
            }
            copy.start(0, dir.resolve("keycloak-server.log"), environment, START_OPTIONS);
            return new KeycloakServer(new LocalRuntime(copy));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code -Dkeycloak.java.opts.append=...} reaches the server's JVM (e.g. to record a profile). */
    private static Map<String, String> serverEnvironment() {
        String append = System.getProperty("keycloak.java.opts.append");
        return append == null || append.isBlank() ? Map.of() : Map.of("JAVA_OPTS_APPEND", append);
    }

    public String baseUrl() {
        return distribution.baseUrl();
    }

    public String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    public String legacyAuthUrl(String realm) {
        return realmUrl(realm) + "/legacy-auth";
    }

    public int port() {
        return distribution.httpPort();
    }

    /**
     * Stops the server and starts it again on the same port with the same database, as an operator's
     * restart does; everything that must survive a restart is read back from the database.
     */
    public void restart() {
        distribution.restart();
    }

    /** Keycloak's own count of password hashes checked in a realm, by outcome ({@link KeycloakDistribution#passwordHashes}). */
    public Map<String, Long> passwordHashes(String realm) {
        return KeycloakDistribution.passwordHashes(distribution.managementUrl(), realm);
    }

    public Keycloak admin() {
        return admin;
    }

    /** The management port's {@code /metrics}, in Prometheus' text format. */
    public String metrics() {
        return Http.get(distribution.managementUrl() + "/metrics").body();
    }

    /** Everything the server has written to its log so far. */
    public String log() {
        return distribution.log();
    }

    /** Imports a realm from a JSON file on the test classpath, replacing one of the same name. */
    public RealmRepresentation importRealm(String classpathResource) {
        try (InputStream json = KeycloakServer.class.getClassLoader().getResourceAsStream(classpathResource)) {
            if (json == null) {
                throw new IllegalArgumentException("No realm file " + classpathResource);
            }
            return importRealm(JsonSerialization.readValue(json, RealmRepresentation.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RealmRepresentation importRealm(Path file) {
        try (InputStream json = Files.newInputStream(file)) {
            return importRealm(JsonSerialization.readValue(json, RealmRepresentation.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RealmRepresentation importRealm(RealmRepresentation realm) {
        if (admin.realms().findAll().stream().anyMatch(r -> r.getRealm().equals(realm.getRealm()))) {
            admin.realm(realm.getRealm()).remove();
        }
        admin.realms().create(realm);
        return admin.realm(realm.getRealm()).toRepresentation();
    }

    /** The distribution's directory (its {@code data/} holds the embedded H2 database). */
    public Path home() {
        return distribution.home();
    }

    /**
     * Stops the server for good, so its files (log, database) can be read whole. Only the last test of
     * a run may do this; the run's end then has nothing left to stop.
     */
    public void stop() throws InterruptedException {
        distribution.stop();
    }

    @Override
    public void close() throws Exception {
        admin.close();
        distribution.stop();
    }

    /** The distribution on this machine, started with {@code kc.sh}. */
    private record LocalRuntime(KeycloakDistribution distribution) implements Runtime {

        @Override
        public String baseUrl() {
            return distribution.baseUrl();
        }

        @Override
        public int httpPort() {
            return distribution.httpPort();
        }

        @Override
        public String managementUrl() {
            return distribution.managementUrl();
        }

        @Override
        public String log() {
            try {
                return Files.readString(distribution.log(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void restart() {
            try {
                distribution.stop();
                distribution.start(distribution.httpPort(), distribution.log(), serverEnvironment(), START_OPTIONS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Path home() {
            return distribution.home();
        }

        @Override
        public void stop() throws InterruptedException {
            distribution.stop();
        }
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set; run the ITs with Maven");
        }
        return value;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
