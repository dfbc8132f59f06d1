package io.github.legacyauth.hash;

/** Keycloak password hash provider {@value BcryptPasswordHashProvider#ID}: imported bcrypt hashes. */
public final class BcryptPasswordHashProviderFactory extends LegacyHashProviderFactory {

    public BcryptPasswordHashProviderFactory() {
        super(BcryptPasswordHashProvider.ID, new BcryptPasswordHashProvider());
    }
}
