package io.github.legacyauth.it.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The curl lines of {@code demo/examples.txt}: printed by the demo, run by the tests. */
public record DemoExamples(List<Example> examples) {

    public static final String DEMO_HOST = "localhost:8080";

    public record Example(int expectedStatus, String description, String curl) {

        /** The same line aimed at another server ({@code http://host:port}). */
        public String curlAt(String baseUrl) {
            return curl.replace(DEMO_HOST, baseUrl.substring(baseUrl.indexOf("://") + 3));
        }
    }

    public static DemoExamples read(Path file) {
        try {
            return new DemoExamples(Files.readAllLines(file).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\\|", 3))
                    .map(parts -> new Example(Integer.parseInt(parts[0]), parts[1], parts[2]))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path demoFile(String name) {
        return Path.of(System.getProperty("demo.dir", "demo")).resolve(name);
    }
}
