package io.github.legacyauth.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own: the machine's PostgreSQL binaries ({@code initdb}, {@code pg_ctl})
 * on a fresh data directory and a free port, so a test can stop and start the database under load without
 * touching the machine's server. As root it runs as the {@code postgres} user ({@code runuser}), since
 * PostgreSQL refuses to run as root.
 */
public final class Postgres implements AutoCloseable {

    private final Path bin;
    private final Path dataDir;
    private final Path log;
    private final int port;

    private Postgres(Path bin, Path dataDir, Path log, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
    }

    /** Creates a cluster in a fresh directory below {@code dir} and starts it with one database {@code name}. */
    public static Postgres start(Path dir, String database) {
        try {
            Path bin = binaries();
            Path root = dir.toAbsolutePath();
            Path dataDir = root.resolve("pgdata");
            deleteRecursively(dataDir);
            Files.createDirectories(root);
            Path log = root.resolve("postgres.log");
            Files.deleteIfExists(log);
            Postgres postgres = new Postgres(bin, dataDir, log, KeycloakDistribution.freePort());
            if (asRoot()) {
                Files.createDirectories(dataDir);
                run(List.of("chown", "-R", "postgres:postgres", root.toString()), 30);
            }
            postgres.runAsOwner(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", "postgres",
                    "--auth=trust", "--no-sync", "-E", "UTF8"), 120);
            postgres.start();
            postgres.psql("CREATE DATABASE " + database);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code host:port} for a JDBC URL. */
    public String hostAndPort() {
        return "127.0.0.1:" + port;
    }

    /** Starts the server and waits until it accepts connections. */
    public void start() {
        runAsOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l", log.toString(), "-w",
                "-t", "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
                        + " -c fsync=off -c max_connections=200", "start"), 90);
    }

    /** Stops the server in fast mode: open connections are ended at once, as in a database failover. */
    public void stop() {
        runAsOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60",
                "stop"), 90);
    }

    public boolean isRunning() {
        try {
            Process status = new ProcessBuilder(command(List.of(bin.resolve("pg_ctl").toString(), "-D",
                    dataDir.toString(), "status"))).redirectErrorStream(true).start();
            status.getInputStream().readAllBytes();
            return status.waitFor(30, TimeUnit.SECONDS) && status.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs one SQL statement as {@code postgres} on the {@code postgres} database. */
    public void psql(String sql) {
        run(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres",
                "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql), 60);
    }

    /** The rows a query returns on a database, unaligned, one per line. */
    public String query(String database, String sql) {
        try {
            Process psql = new ProcessBuilder(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port),
                    "-U", "postgres", "-d", database, "-At", "-c", sql).redirectErrorStream(true).start();
            String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            psql.waitFor(60, TimeUnit.SECONDS);
            return output.trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (isRunning()) {
            stop();
        }
    }

    private void runAsOwner(List<String> command, int seconds) {
        run(command(command), seconds);
    }

    private static List<String> command(List<String> command) {
        if (!asRoot()) {
            return command;
        }
        List<String> asPostgres = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        asPostgres.addAll(command);
        return asPostgres;
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command, int seconds) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The newest PostgreSQL of the machine ({@code /usr/lib/postgresql/<version>/bin}), or {@code pg.bin}. */
    private static Path binaries() throws IOException {
        String configured = System.getProperty("pg.bin");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            throw new IllegalStateException("No PostgreSQL binaries under /usr/lib/postgresql; set -Dpg.bin");
        }
        try (Stream<Path> children = Files.list(versions)) {
            return children.map(version -> version.resolve("bin"))
                    .filter(binDir -> Files.isExecutable(binDir.resolve("pg_ctl")))
                    .max(Comparator.comparing(binDir -> Integer.parseInt(binDir.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("No pg_ctl under /usr/lib/postgresql"));
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        KeycloakServer.deleteRecursively(dir);
    }
}
