package io.github.legacyauth.it.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import io.github.legacyauth.it.harness.KeycloakDistribution;

/**
 * {@code mvn -B -Pdemo -DskipTests verify}: a stock Keycloak with the extension on embedded H2 (kept in
 * {@code demo/work/}, so data survives a restart), the {@code legacy-demo} realm imported on first
 * start, and the curl lines to try. Stops on Ctrl-C.
 */
public final class DemoServer {

    private DemoServer() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("keycloak.home")).toAbsolutePath().normalize();
        int port = Integer.getInteger("demo.port", 8080);
        Path work = home.getParent();
        Path importDir = Files.createDirectories(home.resolve("data/import"));
        Files.copy(DemoExamples.demoFile("legacy-demo-realm.json"), importDir.resolve("legacy-demo-realm.json"),
                StandardCopyOption.REPLACE_EXISTING);

        Path jar = Path.of(System.getProperty("legacy-auth.jar"));
        KeycloakDistribution keycloak = new KeycloakDistribution(home).install(jar);
        System.out.println("Building Keycloak with the extension (kc.sh build), unless it is built with this JAR ...");
        if (!keycloak.buildIfChanged(jar, work.resolve("keycloak-build.log"), "--db=dev-file")) {
            System.out.println("Keycloak is built with this JAR already: kc.sh build skipped.");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                keycloak.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        System.out.println("Starting Keycloak on port " + port + " (log: " + work.resolve("keycloak.log") + ") ...");
        keycloak.start(port, work.resolve("keycloak.log"), Map.of(), "--import-realm", "--cache=local");

        String base = keycloak.baseUrl();
        // the demo's admin console is the extension's admin theme (its Legacy API pages); any realm may choose it
        try (org.keycloak.admin.client.Keycloak admin = org.keycloak.admin.client.Keycloak.getInstance(base, "master",
                KeycloakDistribution.ADMIN_USER, KeycloakDistribution.ADMIN_PASSWORD, "admin-cli")) {
            org.keycloak.representations.idm.RealmRepresentation master = admin.realm("master").toRepresentation();
            master.setAdminTheme("legacy-auth");
            admin.realm("master").update(master);
        }
        StringBuilder out = new StringBuilder()
                .append("\nKeycloak ").append(base).append(" is up with keycloak-legacy-auth.\n")
                .append("  Admin console: ").append(base).append("/admin/  (admin / admin; keys, application tokens and")
                .append(" settings under Legacy API)\n")
                .append("  Demo realm:    legacy-demo  (alice has API access, bob has not, carol is disabled)\n\n")
                .append("Try:\n");
        for (DemoExamples.Example example : DemoExamples.read(DemoExamples.demoFile("examples.txt")).examples()) {
            out.append("\n# ").append(example.description()).append("  -> ").append(example.expectedStatus())
                    .append('\n').append(example.curlAt(base)).append('\n');
        }
        out.append("\nCtrl-C stops the server; the data stays in ").append(home.resolve("data")).append('\n');
        System.out.println(out);
        while (keycloak.isRunning()) {
            Thread.sleep(1000);
        }
    }
}
