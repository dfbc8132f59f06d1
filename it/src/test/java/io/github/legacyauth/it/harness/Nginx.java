package io.github.legacyauth.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine's nginx (Debian's {@code nginx} package), started on a free loopback port with the
 * project's documented gateway configuration, {@code docker/nginx/templates/legacy-api.conf.template},
 * rendered as the official nginx image renders it: {@code ${NAME}} from the given variables, nginx's own
 * {@code $variables} untouched.
 */
public final class Nginx implements AutoCloseable {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

    private final Process process;
    private final int port;
    private final Path dir;

    private Nginx(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Renders the template with these variables plus {@code NGINX_PORT}, and starts nginx in {@code dir}. */
    public static Nginx start(Path template, Map<String, String> variables, Path dir) {
        String binary = System.getProperty("nginx.binary", "/usr/sbin/nginx");
        if (!Files.isExecutable(Path.of(binary))) {
            throw new IllegalStateException("The gateway tests need nginx at " + binary + " (Debian: apt-get install nginx)");
        }
        try {
            int port = KeycloakDistribution.freePort();
            Files.createDirectories(dir.resolve("conf.d"));
            Files.createDirectories(dir.resolve("logs"));
            Files.createDirectories(dir.resolve("temp"));
            // nginx's workers may run as another user (nobody) when the tests run as root
            Files.setPosixFilePermissions(dir.resolve("temp"), PosixFilePermissions.fromString("rwxrwxrwx"));
            Map<String, String> all = new java.util.HashMap<>(variables);
            all.put("NGINX_PORT", "127.0.0.1:" + port);
            Files.writeString(dir.resolve("conf.d/legacy-api.conf"), render(Files.readString(template), all));
            Files.writeString(dir.resolve("nginx.conf"), """
                    daemon off;
                    worker_processes 2;
                    pid %1$s/nginx.pid;
                    error_log %1$s/logs/error.log warn;
                    events { worker_connections 1024; }
                    http {
                        access_log %1$s/logs/access.log;
                        client_body_temp_path %1$s/temp/client_body;
                        proxy_temp_path %1$s/temp/proxy;
                        fastcgi_temp_path %1$s/temp/fastcgi;
                        uwsgi_temp_path %1$s/temp/uwsgi;
                        scgi_temp_path %1$s/temp/scgi;
                        include %1$s/conf.d/*.conf;
                    }
                    """.formatted(dir.toAbsolutePath()));
            Process process = new ProcessBuilder(binary, "-p", dir.toAbsolutePath().toString(), "-c",
                    dir.resolve("nginx.conf").toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("logs/nginx.out").toFile())
                    .start();
            Nginx nginx = new Nginx(process, port, dir);
            nginx.awaitPort();
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template with every {@code ${NAME}} replaced; an unknown name is an error, as a typo would be. */
    static String render(String template, Map<String, String> variables) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("No value for ${" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public String errorLog() {
        try {
            return Files.readString(dir.resolve("logs/error.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void awaitPort() throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx stopped: " + Files.readString(dir.resolve("logs/nginx.out")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
