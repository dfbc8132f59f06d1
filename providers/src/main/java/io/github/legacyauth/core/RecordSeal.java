package io.github.legacyauth.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jboss.logging.Logger;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.common.util.Time;
import org.keycloak.component.ComponentModel;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Seals the records the extension keeps in user attributes (access keys, application tokens) with an
 * HMAC-SHA256 under a realm secret, so that a record written around the extension - through Keycloak's
 * user API (an admin with {@code manage-users}, or a user when the realm lets users edit unmanaged
 * attributes) or a realm import - is never accepted. The seal binds the owner, the attribute name and
 * every field of the record, and the owner's record generation.
 *
 * <p>The generation makes a revocation final: attributes can be written back, so a record deleted by a
 * revocation could be replayed from an old copy (a user's profile as the account API showed it, a
 * user representation an admin kept). Each revocation therefore moves the owner to a new generation,
 * a random value kept as a stored credential of the owner (type {@value #GENERATION_TYPE}; its value never
 * shown by Keycloak's APIs, not writable through them) or, for a service account, as an attribute of
 * its client (writable by client admins only), and seals the surviving records again: every copy of
 * a record from before the revocation is useless. An owner without that credential is at generation
 * zero (no revocation yet).
 *
 * <p>The secret is 32 random bytes in the realm's settings component ({@value #KEY_SETTING}): declared
 * secret, so Keycloak's admin API shows it masked; generated when the settings are created without one
 * (or, for settings imported without validation, at the first seal); never changed afterwards, whatever
 * a later save sends.
 */
public final class RecordSeal {

    /** Settings key of the realm's seal secret (base64url). */
    public static final String KEY_SETTING = "recordSealKey";
    /** Credential type holding an owner's record generation. */
    public static final String GENERATION_TYPE = "legacy-auth-record-generation";

    private static final Logger LOG = Logger.getLogger(RecordSeal.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String VERSION = "s1";
    /** The seal secret of demo/legacy-demo-realm.json, published with it. */
    private static final String PUBLISHED_DEMO_KEY = "ZObPlbKTGQ0ifkojvDqIJ1ry0Z8qTyGBotsPFe3FZ1k";
    private static final java.util.Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private RecordSeal() {
    }

    /** The seal of a record, generating the realm's secret first if it has none yet. */
    public static String seal(RealmModel realm, UserModel owner, String attribute, String content) {
        return seal(realm, owner, attribute, content, generation(realm, owner));
    }

    /** The seal of a record under the given generation (the one {@link #newGeneration} just made). */
    public static String seal(RealmModel realm, UserModel owner, String attribute, String content, String generation) {
        byte[] key = key(RealmSettings.of(realm));
        if (key == null) {
            key = generateInto(realm);
        }
        return VERSION + "." + mac(key, owner.getId(), attribute, content, generation);
    }

    /** Whether {@code seal} is the seal of this record under the realm's secret and the owner's generation. */
    public static boolean verify(RealmModel realm, UserModel owner, String attribute, String content, String seal) {
        RealmSettings settings = RealmSettings.of(realm);
        byte[] key = key(settings);
        if (key == null || seal == null || !seal.startsWith(VERSION + ".")) {
            return false;
        }
        byte[] expected = mac(key, owner.getId(), attribute, content, generation(realm, owner)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, seal.substring(VERSION.length() + 1).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * A value only the realm's secret can make from {@code value}: the locator a record's owner carries so
     * that the record is found without a scan, which nobody without the secret can compute, and so
     * cannot plant on another user. Null when the realm has no secret yet and {@code create} is false
     * (then nothing was ever sealed, and there is nothing to find).
     */
    public static String locator(RealmModel realm, String value, boolean create) {
        byte[] key = key(RealmSettings.of(realm));
        if (key == null) {
            if (!create) {
                return null;
            }
            key = generateInto(realm);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return VERSION + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(("legacy-auth-locator\n" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /**
     * Moves the owner to a new generation: every seal made before is void. Call it after a revocation,
     * then seal the surviving records again under the generation it returns (within the same transaction
     * a cached copy of the owner may still show the old one).
     */
    public static String newGeneration(RealmModel realm, UserModel owner) {
        String value = "{\"generation\":\"" + newKey() + "\"}";
        ClientModel client = clientOf(realm, owner);
        if (client != null) {
            client.setAttribute(GENERATION_TYPE, value);
            return value;
        }
        CredentialModel current = owner.credentialManager().getStoredCredentialsByTypeStream(GENERATION_TYPE)
                .findFirst().orElse(null);
        if (current == null) {
            CredentialModel credential = new CredentialModel();
            credential.setType(GENERATION_TYPE);
            credential.setUserLabel("Legacy API keys (internal: keeps revoked keys revoked; do not remove)");
            credential.setCreatedDate(Time.currentTimeMillis());
            credential.setCredentialData("{}");
            credential.setSecretData(value);
            owner.credentialManager().createStoredCredential(credential);
        } else {
            current.setSecretData(value);
            owner.credentialManager().updateStoredCredential(current);
        }
        return value;
    }

    /** The owner's record generation, or null when the owner has none yet (records of an earlier version). */
    public static String generationOf(RealmModel realm, UserModel owner) {
        return generation(realm, owner);
    }

    /**
     * The owner's generation, or null at generation zero. A user's is a stored credential; a service
     * account has no credentials, so its generation is an attribute of its client, which only admins
     * who may manage that client (as the application tokens need) can write.
     */
    private static String generation(RealmModel realm, UserModel owner) {
        ClientModel client = clientOf(realm, owner);
        if (client != null) {
            return client.getAttribute(GENERATION_TYPE);
        }
        return owner.credentialManager().getStoredCredentialsByTypeStream(GENERATION_TYPE)
                .map(CredentialModel::getSecretData)
                .filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
    }

    private static ClientModel clientOf(RealmModel realm, UserModel owner) {
        String link = owner.getServiceAccountClientLink();
        return link == null ? null : realm.getClientById(link);
    }

    /** A new secret, as stored in the settings. */
    public static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /**
     * Keeps the stored secret across a save of the settings: a save (from the admin page, which shows
     * the secret masked, or the REST API) never changes it. New settings keep the secret they bring (a
     * realm import of settings and records sealed together) or get a new one.
     */
    public static void carryForward(ComponentModel stored, MultivaluedHashMap<String, String> incoming) {
        String existing = stored == null ? null : stored.get(KEY_SETTING);
        String brought = incoming.getFirst(KEY_SETTING);
        String kept = existing != null && decode(existing) != null ? existing
                : stored == null && brought != null && decode(brought) != null ? brought : newKey();
        incoming.putSingle(KEY_SETTING, kept);
    }

    private static byte[] generateInto(RealmModel realm) {
        ComponentModel component = RealmSettings.component(realm).orElse(null);
        if (component == null) {
            throw new IllegalStateException("Realm " + realm.getName() + " has no legacy-auth settings");
        }
        String value = newKey();
        component.put(KEY_SETTING, value);
        realm.updateComponent(component);
        LOG.infof("Generated the record seal secret of realm %s", realm.getName());
        return decode(value);
    }

    private static byte[] key(RealmSettings settings) {
        String value = settings.get(KEY_SETTING, null);
        if (PUBLISHED_DEMO_KEY.equals(value) && WARNED.add(settings.get(KEY_SETTING, ""))) {
            LOG.warn("A realm seals its legacy-auth records with the demo realm's published secret: anyone who"
                    + " can write user attributes there can forge keys and application tokens. Use the demo"
                    + " realm for trying the extension only");
        }
        return decode(value);
    }

    private static byte[] decode(String value) {
        if (value == null) {
            return null;
        }
        try {
            byte[] key = Base64.getUrlDecoder().decode(value);
            return key.length >= 32 ? key : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String mac(byte[] key, String owner, String attribute, String content, String generation) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String input = "legacy-auth-record\n" + owner + "\n" + attribute + "\n" + content
                    + (generation == null ? "" : "\n" + generation);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
