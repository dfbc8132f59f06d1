package io.github.legacyauth.it.harness;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;

import dasniko.testcontainers.keycloak.KeycloakContainer;

/**
 * The official Keycloak image ({@code quay.io/keycloak/keycloak}, the version under test) with the
 * extension JAR, started through testcontainers-keycloak as the project's users start it in their own
 * CI: the {@code testcontainers} Maven profile. Without a Docker engine every test is skipped, with one
 * line saying so.
 */
final class ContainerRuntime implements KeycloakServer.Runtime {

    private static final AtomicBoolean TOLD = new AtomicBoolean();

    private final KeycloakContainer container;

    private ContainerRuntime(KeycloakContainer container) {
        this.container = container;
    }

    /** Why every test is skipped without a Docker engine. */
    static final String NO_DOCKER = "No Docker engine: the testcontainers profile skips its tests (they run without the profile)";

    private static volatile Boolean docker;

    /** Whether a Docker engine answers; asked once, and said once when none does. */
    static boolean dockerAvailable() {
        if (docker == null) {
            boolean available;
            try {
                available = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                available = false;
            }
            docker = available;
        }
        if (!docker && TOLD.compareAndSet(false, true)) {
            System.out.println("[testcontainers] " + NO_DOCKER);
        }
        return docker;
    }

    static ContainerRuntime start(Path extensionJar, String... startOptions) {
        if (!dockerAvailable()) {
            throw new TestAbortedException(NO_DOCKER);
        }
        String image = System.getProperty("keycloak.image",
                "quay.io/keycloak/keycloak:" + System.getProperty("keycloak.tested.version"));
        @SuppressWarnings("resource") // stopped by stop()
        KeycloakContainer container = new KeycloakContainer(image)
                .withAdminUsername(KeycloakDistribution.ADMIN_USER)
                .withAdminPassword(KeycloakDistribution.ADMIN_PASSWORD)
                .withProviderLibsFrom(List.of(extensionJar.toFile()))
                .withFeaturesEnabled("declarative-ui")
                .withEnabledMetrics()
                .withCustomCommand(String.join(" ", startOptions));
        container.start();
        return new ContainerRuntime(container);
    }

    @Override
    public String baseUrl() {
        return container.getAuthServerUrl().replaceAll("/$", "");
    }

    @Override
    public int httpPort() {
        return container.getHttpPort();
    }

    @Override
    public String managementUrl() {
        return container.getMgmtServerUrl().replaceAll("/$", "");
    }

    @Override
    public String log() {
        return container.getLogs();
    }

    @Override
    public void restart() {
        throw new TestAbortedException("A restart on the same database needs the distribution on this machine");
    }

    @Override
    public Path home() {
        throw new TestAbortedException("The container's files are not on this machine");
    }

    @Override
    public void stop() {
        container.stop();
    }
}
