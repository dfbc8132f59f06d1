package io.github.legacyauth.hash;

/** Keycloak password hash provider {@value DjangoPbkdf2PasswordHashProvider#ID}: imported Django PBKDF2 hashes. */
public final class DjangoPbkdf2PasswordHashProviderFactory extends LegacyHashProviderFactory {

    public DjangoPbkdf2PasswordHashProviderFactory() {
        super(DjangoPbkdf2PasswordHashProvider.ID, new DjangoPbkdf2PasswordHashProvider());
    }
}
