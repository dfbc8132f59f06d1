package io.github.legacyauth.it.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.keycloak.admin.client.resource.RealmResource;
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
        for (Future<?> batch : batches) {
            try {
                batch.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Seeding users failed", e.getCause());
            }
        }
        pool.shutdown();
        count = realm.users().count();
        System.out.printf(Locale.ROOT, "Realm has %d users (%d added in %.0f s)%n", count, count - first,
                (System.nanoTime() - started) / 1e9);
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
        PartialImportRepresentation batch = new PartialImportRepresentation();
        batch.setUsers(users);
        batch.setIfResourceExists(PartialImportRepresentation.Policy.SKIP.name());
        realm.partialImport(batch).close();
    }
}
