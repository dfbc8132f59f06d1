package io.github.legacyauth.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.keycloak.admin.client.Keycloak;

/**
 * Keycloak as a cluster: two (or more) nodes of the distribution with the extension, each in its own
 * directory, sharing one PostgreSQL database and forming one Infinispan cluster over loopback
 * (Keycloak's default {@code jdbc-ping} discovery, through that database). Built once with
 * {@code --db=postgres}, as an operator would for production.
 */
public final class KeycloakCluster implements AutoCloseable {

    static final String DATABASE_NAME = "legacy_auth_cluster";
    public static final String DATABASE = System.getProperty("cluster.database", DATABASE_NAME);
    static final String DB_HOST = System.getProperty("cluster.db.host", "127.0.0.1:5432");
    static final String DB_USER = System.getProperty("cluster.db.user", "postgres");

    private final List<Node> nodes;

    private KeycloakCluster(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** One node of the cluster: its distribution, its ports, its admin client. */
    public static final class Node {
        private final String name;
        private final KeycloakDistribution distribution;
        private final Path log;
        private final int clusterPort;
        private final String dbHost;
        private final List<String> options;
        private Keycloak admin;

        Node(String name, KeycloakDistribution distribution, Path log, int clusterPort, String dbHost,
             List<String> options) {
            this.options = options;
            this.name = name;
            this.distribution = distribution;
            this.log = log;
            this.clusterPort = clusterPort;
            this.dbHost = dbHost;
        }

        void start(int httpPort) throws IOException, InterruptedException {
            List<String> all = new ArrayList<>(List.of(
                    "--db-url=jdbc:postgresql://" + dbHost + "/" + DATABASE,
                    "--db-username=" + DB_USER, "--db-password=unused",
                    "--cache-embedded-network-bind-address=127.0.0.1",
                    "--cache-embedded-network-bind-port=" + clusterPort,
                    "--proxy-headers=xforwarded",
                    "--log-level=INFO,io.github.legacyauth:debug,io.github.legacyauth.core.Unavailable:trace,"
                            + "org.infinispan.CLUSTER:info"));
            all.addAll(options);
            distribution.start(httpPort, log, Map.of(), all.toArray(String[]::new));
            if (admin != null) {
                admin.close();
            }
            admin = Keycloak.getInstance(baseUrl(), "master", KeycloakDistribution.ADMIN_USER,
                    KeycloakDistribution.ADMIN_PASSWORD, "admin-cli");
        }

        void stop() throws InterruptedException {
            if (admin != null) {
                admin.close();
                admin = null;
            }
            distribution.stop();
        }

        /** Ends the node's process with SIGKILL, as a crash or an out-of-memory kill does: nothing is shut down. */
        public void kill() throws InterruptedException {
            if (admin != null) {
                admin.close();
                admin = null;
            }
            distribution.kill();
        }

        /** Starts a stopped or killed node again on its HTTP port, and waits until it is ready. */
        public void startAgain() throws IOException, InterruptedException {
            start(distribution.httpPort());
        }

        public String name() {
            return name;
        }

        public String baseUrl() {
            return distribution.baseUrl();
        }

        public String legacyAuthUrl(String realm) {
            return baseUrl() + "/realms/" + realm + "/legacy-auth";
        }

        public Keycloak admin() {
            return admin;
        }

        public String log() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A fresh database, then {@code count} nodes started one after the other (the first creates the
     * schema), each waiting until it is ready.
     */
    public static KeycloakCluster start(int count, Path dir) {
        try {
            recreateDatabase();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return start(count, dir, DB_HOST);
    }

    /**
     * The same on the PostgreSQL at {@code dbHost} ({@code host:port}), whose database {@value #DATABASE_NAME}
     * (or {@code -Dcluster.database}) exists and is empty; {@code options} are added to every node's start.
     */
    public static KeycloakCluster start(int count, Path dir, String dbHost, String... options) {
        Path workDir = dir.toAbsolutePath();
        try {
            Path pristine = Path.of(KeycloakServer.required("keycloak.home"));
            Files.createDirectories(workDir);
            Path first = workDir.resolve("node-1");
            KeycloakServer.deleteRecursively(first);
            copy(pristine, first);
            KeycloakDistribution built = new KeycloakDistribution(first)
                    .install(Path.of(KeycloakServer.required("legacy-auth.jar")))
                    .build(workDir.resolve("build.log"), "--db=postgres", "--cache=ispn");
            List<Node> nodes = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                Path home = workDir.resolve("node-" + i);
                if (i > 1) {
                    KeycloakServer.deleteRecursively(home);
                    copy(built.home(), home);
                }
                Path log = workDir.resolve("node-" + i + ".log");
                Files.deleteIfExists(log);
                Node node = new Node("node-" + i, new KeycloakDistribution(home), log, KeycloakDistribution.freePort(),
                        dbHost, List.of(options));
                node.start(0);
                nodes.add(node);
            }
            return new KeycloakCluster(List.copyOf(nodes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Node node(int index) {
        return nodes.get(index);
    }

    /** Stops every node, then starts them again on their ports, one after the other. */
    public void restartAll() {
        try {
            List<Integer> ports = nodes.stream().map(node -> node.distribution.httpPort()).toList();
            for (Node node : nodes) {
                node.stop();
            }
            for (int i = 0; i < nodes.size(); i++) {
                nodes.get(i).start(ports.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** True when every node's log reports a cluster view with all nodes in it. */
    public boolean formed() {
        String members = "(" + nodes.size() + ")";
        return nodes.stream().allMatch(node -> node.log().lines()
                .anyMatch(line -> line.contains("ISPN000094") && line.contains(members)));
    }

    /** Waits until {@link #formed()}, or fails with the nodes' view lines. */
    public void awaitFormed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (formed()) {
                return;
            }
            Thread.sleep(250);
        }
        StringBuilder views = new StringBuilder();
        nodes.forEach(node -> node.log().lines().filter(line -> line.contains("ISPN0000"))
                .forEach(line -> views.append(node.name()).append(": ").append(line).append('\n')));
        throw new IllegalStateException("The nodes did not form one cluster within " + timeout + ":\n" + views);
    }

    @Override
    public void close() throws InterruptedException {
        for (Node node : nodes) {
            node.stop();
        }
    }

    /** Drops and creates the cluster's database with the machine's psql (PostgreSQL on 127.0.0.1, trust auth). */
    static void recreateDatabase() throws IOException, InterruptedException {
        String host = DB_HOST.substring(0, DB_HOST.indexOf(':'));
        String port = DB_HOST.substring(DB_HOST.indexOf(':') + 1);
        for (String sql : List.of("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)", "CREATE DATABASE " + DATABASE)) {
            Process psql = new ProcessBuilder("psql", "-h", host, "-p", port, "-U", DB_USER, "-d", "postgres",
                    "-v", "ON_ERROR_STOP=1", "-c", sql)
                    .redirectErrorStream(true).start();
            String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!psql.waitFor(60, TimeUnit.SECONDS) || psql.exitValue() != 0) {
                throw new IllegalStateException("psql could not run '" + sql + "' on " + DB_HOST
                        + " (is PostgreSQL running?): " + output);
            }
        }
    }

    /** Copies a distribution, without its {@code data} directory. */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(path);
                if (relative.startsWith("data")) {
                    continue; // the other server's own files
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
