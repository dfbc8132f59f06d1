package io.github.legacyauth.it.accesskey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.Realms;

/** The realm allows 3 keys a user; erin asks for 20 at once, hoping each request counts before any writes. */
class ParallelKeyCreationIT extends AttackRealmTest {

    @BeforeAll
    static void configure() {
        Realms.updateSettings(attack.realm(), Map.of("accessKeyMaxPerUser", "3"));
    }

    @Test
    void twentyParallelCreationsMakeNoMoreThanTheLimit() throws Exception {
        String token = attack.userToken("erin", "erin-Attack-1");
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String description = "race " + i;
            calls.add(() -> Http.send(Http.request(attack.url("/account/access-keys"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"" + description + "\"}"))));
        }

        List<HttpResponse<String>> answers = AttackRealm.inParallel(calls);
        List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).toList();

        assertThat(statuses).as(answers.stream().map(HttpResponse::body).toList().toString()).containsOnly(201, 409);
        assertThat(statuses.stream().filter(status -> status == 201))
                .as(answers.stream().map(HttpResponse::body).toList().toString()).hasSize(3);
        assertThat(AttackRealm.JSON.readTree(Http.get(attack.url("/account/access-keys"),
                "Authorization", "Bearer " + token).body())).hasSize(3);
    }
}
