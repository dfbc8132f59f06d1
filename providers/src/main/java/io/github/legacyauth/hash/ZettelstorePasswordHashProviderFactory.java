package io.github.legacyauth.hash;

/** Keycloak password hash provider {@value ZettelstorePasswordHashProvider#ID}: imported Zettelstore credentials. */
public final class ZettelstorePasswordHashProviderFactory extends LegacyHashProviderFactory {

    public ZettelstorePasswordHashProviderFactory() {
        super(ZettelstorePasswordHashProvider.ID, new ZettelstorePasswordHashProvider());
    }
}
