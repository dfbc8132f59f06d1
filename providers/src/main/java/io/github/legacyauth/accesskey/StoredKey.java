package io.github.legacyauth.accesskey;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One access key as stored in its owner's attributes: the hash of its secret, never the secret.
 * Times are epoch seconds; {@code expires} is null for a key that does not expire; {@code scopes}
 * are role ids (so renaming a role keeps the key), empty for "all of the owner's roles". {@code format} is
 * null for a key this extension minted, else the {@link ImportedKeys} format the key was imported in.
 * {@code nonce} is random per record written (null in records of an earlier version): what a session a
 * key opened notes, so a session of a revoked record never matches a record written later for the same
 * secret (an imported key imported again).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
record StoredKey(@JsonProperty("hash") String hash,
                 @JsonProperty("description") String description,
                 @JsonProperty("created") long created,
                 @JsonProperty("expires") Long expires,
                 @JsonProperty("scopes") List<String> scopes,
                 @JsonProperty("format") String format,
                 @JsonProperty("nonce") String nonce,
                 @JsonProperty("seal") String seal) {

    StoredKey {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** A new record, with a fresh nonce, not sealed yet. */
    static StoredKey unsealed(String hash, String description, long created, Long expires, List<String> scopes,
                              String format) {
        return new StoredKey(hash, description, created, expires, scopes, format,
                io.github.legacyauth.core.SecretText.randomBase62(new java.security.SecureRandom(), 16), null);
    }

    /**
     * Every field but the seal, in a fixed order: what {@link io.github.legacyauth.core.RecordSeal} binds.
     * A minted key's content is what it was before imported keys existed, so its seal still holds.
     */
    String sealedContent() {
        return hash + "\n" + (description == null ? "" : description) + "\n" + created + "\n"
                + (expires == null ? "" : expires) + "\n" + String.join(",", scopes)
                + (format == null ? "" : "\nformat:" + format)
                + (nonce == null ? "" : "\nnonce:" + nonce);
    }

    StoredKey sealed(String value) {
        return new StoredKey(hash, description, created, expires, scopes, format, nonce, value);
    }

    boolean imported(String importFormat) {
        return importFormat.equals(format);
    }

    boolean expiredAt(long epochSeconds) {
        return expires != null && epochSeconds >= expires;
    }

    /** Expired more than {@code retentionDays} ago: no longer listed, removed at the owner's next key change. */
    boolean retiredAt(long epochSeconds, int retentionDays) {
        return expires != null && epochSeconds >= expires + retentionDays * 86_400L;
    }
}
