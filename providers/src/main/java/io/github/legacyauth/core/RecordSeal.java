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
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;

/**
 * Seals the records the extension keeps in user attributes (access keys, application tokens) with an
 * HMAC-SHA256 under a realm secret, so that a record written around the extension - through Keycloak's
 * user API (an admin with {@code manage-users}, or a user when the realm lets users edit unmanaged
 * attributes) or a realm import - is never accepted. The seal binds the owner, the attribute name and
 * every field of the record.
 *
 * <p>The secret is 32 random bytes in the realm's settings component ({@value #KEY_SETTING}): declared
 * secret, so Keycloak's admin API shows it masked; generated when the settings are created without one
 * (or, for settings imported without validation, at the first seal); never changed afterwards, whatever
 * a later save sends.
 */
public final class RecordSeal {

    /** Settings key of the realm's seal secret (base64url). */
    public static final String KEY_SETTING = "recordSealKey";

    private static final Logger LOG = Logger.getLogger(RecordSeal.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String VERSION = "s1";

    private RecordSeal() {
    }

    /** The seal of a record, generating the realm's secret first if it has none yet. */
    public static String seal(RealmModel realm, String owner, String attribute, String content) {
        byte[] key = key(RealmSettings.of(realm));
        if (key == null) {
            key = generateInto(realm);
        }
        return VERSION + "." + mac(key, owner, attribute, content);
    }

    /** Whether {@code seal} is the seal of this record under the realm's secret; constant time. */
    public static boolean verify(RealmSettings settings, String owner, String attribute, String content, String seal) {
        byte[] key = key(settings);
        if (key == null || seal == null || !seal.startsWith(VERSION + ".")) {
            return false;
        }
        byte[] expected = mac(key, owner, attribute, content).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, seal.substring(VERSION.length() + 1).getBytes(StandardCharsets.US_ASCII));
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
        return decode(settings.get(KEY_SETTING, null));
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

    static String mac(byte[] key, String owner, String attribute, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String input = "legacy-auth-record\n" + owner + "\n" + attribute + "\n" + content;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
