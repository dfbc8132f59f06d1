package io.github.legacyauth.it.harness;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The base of the attack tests: each test class gets {@link AttackRealm} imported afresh before its own
 * {@code @BeforeAll} methods run (JUnit runs a superclass's first).
 */
@ExtendWith(RealKeycloak.class)
public abstract class AttackRealmTest {

    protected static AttackRealm attack;

    @BeforeAll
    static void importAttackRealm(KeycloakServer keycloak) {
        attack = AttackRealm.importFresh(keycloak);
    }
}
