package io.github.legacyauth.hash;

/** Keycloak password hash provider {@value Argon2PhcPasswordHashProvider#ID}: imported Argon2 PHC strings. */
public final class Argon2PhcPasswordHashProviderFactory extends LegacyHashProviderFactory {

    public Argon2PhcPasswordHashProviderFactory() {
        super(Argon2PhcPasswordHashProvider.ID, new Argon2PhcPasswordHashProvider());
    }
}
