package io.github.legacyauth.it.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Fills a realm with plain users through Keycloak's partial import, in batches. */
final class UserSeeder {

    private static final int BATCH = 1_000;
    private static final int THREADS = 3;

    private final RealmResource realm;
    private long count;

    UserSeeder(RealmResource realm) {
        this.realm = realm;
        this.count = realm.users().count();
    }

    long count() {
        return count;
    }

    /** Adds users until the realm holds {@code target}; batches go in over a few connections at once. */
    void seedUpTo(long target) throws InterruptedException {
        long started = System.nanoTime();
        long first = count;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> batches = new ArrayList<>();
        for (long next = count; next < target; next += BATCH) {
            long from = next;
            int size = (int) Math.min(BATCH, target - next);
            batches.add(pool.submit(() -> importBatch(from, size)));
        }
        awaitAll(pool, batches);
        System.out.printf(Locale.ROOT, "Realm has %d users (%d added in %.0f s)%n", count, count - first,
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * Adds {@code size} API users ({@code pw-0000000} ...) each with a password of their own
     * ({@link #passwordOf}) and the realm's API-access role; Keycloak hashes each password as it imports it.
     */
    List<String> seedApiUsers(int size, String apiRole) throws InterruptedException {
        return seedUsers("pw-", "Api", size, apiRole, name -> {
            CredentialRepresentation password = new CredentialRepresentation();
            password.setType(CredentialRepresentation.PASSWORD);
            password.setValue(passwordOf(name));
            password.setTemporary(false);
            return password;
        });
    }

    /** PHP's manual's bcrypt (cost 10) of {@link #BCRYPT_PASSWORD}, as Kanboard stores a password. */
    static final String BCRYPT_HASH = "$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a";
    static final String BCRYPT_PASSWORD = "rasmuslerdorf";

    /**
     * {@code size} users imported as from Kanboard ({@code bcrypt-0000000} ...), each with its bcrypt hash
     * (cost 10) and the realm's API-access role; Keycloak re-hashes each to the realm's policy at its first
     * successful login.
     */
    List<String> seedBcryptUsers(int size, String apiRole) throws InterruptedException {
        return seedUsers("bcrypt-", "Migrated", size, apiRole, name -> {
            CredentialRepresentation password = new CredentialRepresentation();
            password.setType(CredentialRepresentation.PASSWORD);
            password.setCredentialData("{\"algorithm\":\"bcrypt\",\"hashIterations\":-1}");
            password.setSecretData("{\"value\":\"" + BCRYPT_HASH + "\",\"salt\":\"\"}");
            return password;
        });
    }

    private List<String> seedUsers(String prefix, String firstName, int size, String apiRole,
                                   java.util.function.Function<String, CredentialRepresentation> credential)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<String> names = new ArrayList<>();
        List<Future<?>> batches = new ArrayList<>();
        int batch = 100;
        for (int from = 0; from < size; from += batch) {
            List<UserRepresentation> users = new ArrayList<>();
            for (int i = from; i < Math.min(size, from + batch); i++) {
                String name = String.format(Locale.ROOT, "%s%07d", prefix, i);
                names.add(name);
                UserRepresentation user = new UserRepresentation();
                user.setUsername(name);
                user.setEmail(name + "@bench.test");
                user.setFirstName(firstName);
                user.setLastName(name);
                user.setEnabled(true);
                user.setRealmRoles(List.of(apiRole));
                user.setCredentials(List.of(credential.apply(name)));
                users.add(user);
            }
            batches.add(pool.submit(() -> importUsers(users)));
        }
        awaitAll(pool, batches);
        return names;
    }

    private void awaitAll(ExecutorService pool, List<Future<?>> batches) throws InterruptedException {
        for (Future<?> batch : batches) {
            try {
                batch.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Seeding users failed", e.getCause());
            }
        }
        pool.shutdown();
        count = realm.users().count();
    }

    private void importUsers(List<UserRepresentation> users) {
        PartialImportRepresentation batch = new PartialImportRepresentation();
        batch.setUsers(users);
        batch.setIfResourceExists(PartialImportRepresentation.Policy.SKIP.name());
        realm.partialImport(batch).close();
    }

    /** The password of a user added by {@link #seedApiUsers}. */
    static String passwordOf(String name) {
        return name + "-Bench-secret";
    }

    private void importBatch(long from, int size) {
        List<UserRepresentation> users = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String name = String.format(Locale.ROOT, "seed-%07d", from + i);
            UserRepresentation user = new UserRepresentation();
            user.setUsername(name);
            user.setEmail(name + "@bench.test");
            user.setFirstName("Seed");
            user.setLastName(name);
            user.setEnabled(true);
            users.add(user);
        }
        importUsers(users);
    }
}
