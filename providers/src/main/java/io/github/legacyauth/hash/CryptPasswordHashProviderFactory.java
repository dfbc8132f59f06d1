package io.github.legacyauth.hash;

/** Keycloak password hash provider {@value CryptPasswordHashProvider#ID}: imported sha512-, sha256- and md5-crypt strings. */
public final class CryptPasswordHashProviderFactory extends LegacyHashProviderFactory {

    public CryptPasswordHashProviderFactory() {
        super(CryptPasswordHashProvider.ID, new CryptPasswordHashProvider());
    }
}
