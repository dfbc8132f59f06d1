package io.github.legacyauth.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * One line per run of the integration tests: which Keycloak they ran against, which suite (the full
 * one, or the compatibility matrix's smoke suite) and how it went, printed at the end of the run and
 * appended to {@code compatibility.report} (the full suite starts the file afresh). The README's
 * compatibility table is this file's content.
 */
public final class VersionReport implements TestExecutionListener {

    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicInteger skippedClasses = new AtomicInteger();
    private volatile String skipReason;
    private final List<String> failures = new ArrayList<>();
    private volatile TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest()) {
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                // a class whose set-up failed: its tests never ran
                failed.incrementAndGet();
                record(test);
            } else if (result.getStatus() == TestExecutionResult.Status.ABORTED && test.getSource().isPresent()) {
                // a class skipped as a whole (its tests are not reported one by one)
                skippedClasses.incrementAndGet();
                result.getThrowable().ifPresent(why -> skipReason = why.getMessage());
            }
            return;
        }
        switch (result.getStatus()) {
            case SUCCESSFUL -> passed.incrementAndGet();
            case ABORTED -> skipped.incrementAndGet();
            default -> {
                failed.incrementAndGet();
                record(test);
            }
        }
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            skipped.incrementAndGet();
        } else if (test.getSource().isPresent()) {
            // a class skipped as a whole (its tests are not reported one by one)
            skippedClasses.incrementAndGet();
            skipReason = reason;
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        String version = System.getProperty("keycloak.tested.version");
        if (version == null || passed.get() + failed.get() + skipped.get() + skippedClasses.get() == 0) {
            return;
        }
        String suite = System.getProperty("suite", "full");
        String line = "Keycloak %s | %s suite | %d passed, %d failed, %d skipped%s%s".formatted(version, suite,
                passed.get(), failed.get(), skipped.get(),
                skippedClasses.get() == 0 ? "" : " (and " + skippedClasses.get() + " classes: " + skipReason + ")",
                failures.isEmpty() ? "" : " | failed: " + String.join(", ", failures));
        System.out.println("[compatibility] " + line);
        String report = System.getProperty("compatibility.report");
        if (report == null) {
            return;
        }
        try {
            Path file = Path.of(report);
            List<String> lines = new ArrayList<>();
            if (!"full".equals(suite) && Files.exists(file)) {
                Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .filter(existing -> !existing.startsWith("Keycloak " + version + " | " + suite + " suite |"))
                        .forEach(lines::add);
            }
            lines.add(line);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void record(TestIdentifier test) {
        if (failures.size() < 10) {
            String parent = plan == null ? "" : plan.getParent(test).map(TestIdentifier::getDisplayName).orElse("");
            failures.add(parent.isEmpty() || !test.isTest() ? test.getDisplayName() : parent + "." + test.getDisplayName());
        }
    }
}
