package io.github.legacyauth.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * The legacy application behind the gateway, as small as it gets: it answers every request with 200
 * and a JSON echo of what reached it (method, path, headers by lower-case name, body).
 */
public final class EchoBackend implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private EchoBackend(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static EchoBackend start() {
        // without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs (40 ms)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.createContext("/", exchange -> {
                Map<String, List<String>> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                byte[] answer = JSON.writeValueAsBytes(Map.of("method", exchange.getRequestMethod(),
                        "path", exchange.getRequestURI().getRawPath(), "headers", headers, "body", body));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            ExecutorService executor = Executors.newFixedThreadPool(8);
            server.setExecutor(executor);
            server.start();
            return new EchoBackend(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** host:port, as an nginx upstream names it. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
