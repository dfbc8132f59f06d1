package io.github.legacyauth.it.passwordcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.Realms;

/**
 * The verified-password cache on (60 s): a password that verified passes again without a hash, and
 * nothing that should end it is slowed by the cache — a password reset, a disable, a role taken away,
 * a lockout all apply to the very next request; wrong passwords still count.
 */
class CachedPasswordIT extends AttackRealmTest {

    @BeforeAll
    static void configure() {
        Realms.updateSettings(attack.realm(), Map.of("passwordCacheSeconds", "60"));
    }

    @AfterEach
    void unlock() {
        attack.realm().attackDetection().clearAllBruteForce();
    }

    @Test
    void parallelRequestsWithACachedPasswordAllPass() throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> attack.verify("Authorization", Http.basic("timing", "timing-Attack-1")).statusCode());
        }

        assertThat(AttackRealm.inParallel(calls)).containsOnly(200);
        assertThat(AttackRealm.inParallel(calls)).containsOnly(200);
    }

    @Test
    void aPasswordResetEndsTheCachedPasswordAtOnce() {
        assertThat(basic("erin", "erin-Attack-1")).isEqualTo(200);
        assertThat(basic("erin", "erin-Attack-1")).isEqualTo(200);

        attack.resetPassword("erin", "erin-Attack-3");

        assertThat(basic("erin", "erin-Attack-1")).isEqualTo(401);
        assertThat(basic("erin", "erin-Attack-3")).isEqualTo(200);
        attack.resetPassword("erin", "erin-Attack-1");
        assertThat(basic("erin", "erin-Attack-3")).isEqualTo(401);
    }

    @Test
    void disablingOrTakingTheApiRoleEndsACachedPasswordAtOnce() {
        assertThat(basic("timing", "timing-Attack-1")).isEqualTo(200);
        var user = attack.realm().users().get(attack.userId("timing"));
        UserRepresentation representation = user.toRepresentation();
        representation.setEnabled(false);
        user.update(representation);
        assertThat(basic("timing", "timing-Attack-1")).as("disabled").isEqualTo(401);
        representation.setEnabled(true);
        user.update(representation);
        assertThat(basic("timing", "timing-Attack-1")).isEqualTo(200);

        RoleRepresentation apiAccess = attack.realm().roles().get("api-access").toRepresentation();
        user.roles().realmLevel().remove(List.of(apiAccess));
        assertThat(basic("timing", "timing-Attack-1")).as("without API access").isEqualTo(403);
        user.roles().realmLevel().add(List.of(apiAccess));
        assertThat(basic("timing", "timing-Attack-1")).isEqualTo(200);
    }

    @Test
    void wrongPasswordsStillCountAndTheLockoutBeatsTheCache() throws Exception {
        assertThat(basic("jsonrpc@attack.test", "jsonrpc-Attack-1")).isEqualTo(200);
        for (int i = 1; i <= 3; i++) {
            assertThat(basic("jsonrpc@attack.test", "guess-" + i)).isEqualTo(401);
        }
        Realms.awaitLoginFailures(attack.realm(), attack.userId("jsonrpc"), 3);

        assertThat(basic("jsonrpc@attack.test", "jsonrpc-Attack-1")).as("locked, though cached").isEqualTo(401);
    }

    /** What the cache saves, printed (speed targets belong to the benchmark): Basic /verify, one at a time. */
    @Test
    void cachedAndUncachedPasswordsTimedSideBySide() {
        double cached = medianMillis();
        Realms.updateSettings(attack.realm(), Map.of("passwordCacheSeconds", "0"));
        try {
            double uncached = medianMillis();
            System.out.printf("Basic /verify, 40 requests one at a time, median ms: cache on %.1f; cache off %.1f%n",
                    cached, uncached);
        } finally {
            Realms.updateSettings(attack.realm(), Map.of("passwordCacheSeconds", "60"));
        }
    }

    static double medianMillis() {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            long started = System.nanoTime();
            assertThat(basic("timing", "timing-Attack-1")).isEqualTo(200);
            if (i >= 5) {
                nanos.add(System.nanoTime() - started);
            }
        }
        nanos.sort(null);
        return (nanos.get(19) + nanos.get(20)) / 2e6;
    }

    @Test
    void thePeriodIsBounded() {
        assertThatThrownBy(() -> Realms.updateSettings(attack.realm(), Map.of("passwordCacheSeconds", "3601")))
                .hasMessageContaining("400");
        assertThatThrownBy(() -> Realms.updateSettings(attack.realm(), Map.of("passwordCacheSeconds", "-1")))
                .hasMessageContaining("400");
    }

    static int basic(String username, String password) {
        HttpResponse<String> response = attack.verify("Authorization", Http.basic(username, password));
        return response.statusCode();
    }
}
