package io.github.legacyauth.accesskey;

import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keycloak.models.RealmModel;

import io.github.legacyauth.core.MalformedCredentialException;
import io.github.legacyauth.core.RecordSeal;

/**
 * The API keys a legacy application already handed out, imported so that its clients keep them:
 *
 * <ul>
 *   <li>{@value #TULEAP}: a Tuleap personal access key {@code tlp.k1.<id>.<64 hex>}. Tuleap keeps the key
 *       id and {@code hex(sha256(the 32 raw bytes the hex spells))}; that verifier is imported, never the
 *       key, and a presented key is checked by hashing its bytes the same way. Its record is
 *       {@code tlp-<id>} among the owner's keys.</li>
 *   <li>{@value #SECRET}: a token the application kept in clear (Kanboard's personal API token), stored
 *       as the SHA-256 of its text like a minted key. Accepted as the password in Basic
 *       ({@code user:token}) and alone in {@code X-Auth-AccessKey}.</li>
 * </ul>
 * Neither names its owner as a minted key does, so the owner is found through {@link KeyOwnerIndex}.
 */
final class ImportedKeys {

    static final String TULEAP = "tuleap";
    static final String SECRET = "secret";
    static final String TULEAP_PREFIX = "tlp.k1.";
    static final String TULEAP_KEY_ID_PREFIX = "tlp-";
    static final int MIN_SECRET_LENGTH = 20;
    static final int MAX_SECRET_LENGTH = 512;

    /** Tuleap: a decimal id, then the hex of 32 bytes (its pattern takes either case; so does this one). */
    private static final Pattern TULEAP_KEY = Pattern.compile("tlp\\.k1\\.(\\d{1,18})\\.([0-9a-fA-F]{64})");
    private static final Pattern TULEAP_ID = Pattern.compile("\\d{1,18}");
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-fA-F]{64}");

    private ImportedKeys() {
    }

    /** A presented Tuleap key: its record id and the raw bytes to hash. {@code toString} never shows them. */
    record TuleapKey(long tuleapId, byte[] verificationString) {

        String keyId() {
            return tuleapKeyId(tuleapId);
        }

        @Override
        public String toString() {
            return "TuleapKey[id=" + tuleapId + ", verification=***]";
        }
    }

    static boolean looksLikeTuleapKey(String text) {
        return text != null && text.startsWith(TULEAP_PREFIX);
    }

    static TuleapKey parseTuleapKey(String text) throws MalformedCredentialException {
        if (text.length() > TULEAP_PREFIX.length() + 18 + 1 + 64) {
            throw new MalformedCredentialException("Tuleap key too long");
        }
        Matcher matcher = TULEAP_KEY.matcher(text);
        if (!matcher.matches()) {
            throw new MalformedCredentialException("Tuleap key of the wrong shape");
        }
        // Tuleap reads the id as an integer: 01026 is key 1026
        return new TuleapKey(Long.parseLong(matcher.group(1)), HexFormat.of().parseHex(matcher.group(2)));
    }

    /** Tuleap's key id as given to the import, or null when it is not one. */
    static Long tuleapId(String keyId) {
        if (keyId == null || !TULEAP_ID.matcher(keyId.trim()).matches()) {
            return null;
        }
        long id = Long.parseLong(keyId.trim());
        return id > 0 ? id : null;
    }

    /** Tuleap's verifier (hex of the SHA-256 of the key's raw bytes) as raw bytes, or null when it is not one. */
    static byte[] tuleapVerifier(String hex) {
        if (hex == null || !HEX_64.matcher(hex.trim()).matches()) {
            return null;
        }
        return HexFormat.of().parseHex(hex.trim());
    }

    static String tuleapKeyId(long tuleapId) {
        return TULEAP_KEY_ID_PREFIX + tuleapId;
    }

    /**
     * The locator of a Tuleap key id: {@code tuleap:} and a MAC under the realm's secret (see
     * {@link io.github.legacyauth.core.RecordSeal#locator}), which nobody without the secret can compute;
     * null when the realm has no secret and {@code create} is false.
     */
    static String tuleapLocator(RealmModel realm, long tuleapId, boolean create) {
        String mac = RecordSeal.locator(realm, TULEAP + ":" + tuleapId, create);
        return mac == null ? null : TULEAP + ":" + mac;
    }

    /** The locator of a token imported in clear, from the SHA-256 it is stored as; as above. */
    static String secretLocator(RealmModel realm, String hash, boolean create) {
        String mac = RecordSeal.locator(realm, SECRET + ":" + hash, create);
        return mac == null ? null : SECRET + ":" + mac;
    }

    /**
     * Whether a text can be an imported secret: {@value #MIN_SECRET_LENGTH} to {@value #MAX_SECRET_LENGTH}
     * visible ASCII characters, and not in the shape of a key another format reads.
     */
    static boolean secretShaped(String text) {
        if (text == null || text.length() < MIN_SECRET_LENGTH || text.length() > MAX_SECRET_LENGTH
                || AccessKeyFormat.looksLikeKey(text) || looksLikeTuleapKey(text)) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
