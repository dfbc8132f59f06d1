package io.github.legacyauth.passwordcache;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

import io.github.legacyauth.core.SecretHash;

/**
 * What an entry of the {@link VerifiedPasswordCache} is bound to: the user's password credential exactly
 * as it is stored now (its id, creation time, and a digest of its stored hash and parameters), read from
 * Keycloak's user cache, which every node invalidates when a credential changes. A password change,
 * reset or removal, or a re-hash, changes it, and the entry no longer matches anything.
 */
public final class CachedCredential {

    private CachedCredential() {
    }

    /**
     * The fingerprint of the user's password credential now; empty (nothing is cached or found) when the
     * user has no stored password (federated users whose password the directory checks), or when it is due
     * for a re-hash to the realm's policy: then the real check runs and Keycloak re-hashes it.
     */
    public static String of(KeycloakSession session, RealmModel realm, UserModel user) {
        CredentialModel stored = stored(user);
        if (stored == null) {
            return "";
        }
        PasswordPolicy policy = realm.getPasswordPolicy();
        PasswordHashProvider provider = policy != null && policy.getHashAlgorithm() != null
                ? session.getProvider(PasswordHashProvider.class, policy.getHashAlgorithm())
                : session.getProvider(PasswordHashProvider.class);
        if (provider == null || !provider.policyCheck(policy, PasswordCredentialModel.createFromCredentialModel(stored))) {
            return "";
        }
        return digest(stored);
    }

    /**
     * What a check is shared under among requests in flight: the digest of the stored credential, due for
     * a re-hash or not, or {@code none} when there is no stored password (a directory or nothing checks
     * it), as for a name that finds no user; never empty, so every name's requests queue alike.
     */
    public static String inFlight(UserModel user) {
        CredentialModel stored = stored(user);
        return stored == null ? "none" : digest(stored);
    }

    private static CredentialModel stored(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .findFirst().orElse(null);
    }

    // the digest of the stored hash (already salted and slow) only tells credentials apart; the cache key
    // is the HMAC of the password
    private static String digest(CredentialModel stored) {
        return SecretHash.hash(stored.getId() + ':' + stored.getCreatedDate() + ':' + stored.getSecretData() + ':'
                + stored.getCredentialData());
    }
}
