package io.github.legacyauth.accesskey;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One access key as stored in its owner's attributes: the hash of its secret, never the secret.
 * Times are epoch seconds; {@code expires} is null for a key that does not expire; {@code scopes}
 * are role ids (so renaming a role keeps the key), empty for "all of the owner's roles".
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
record StoredKey(@JsonProperty("hash") String hash,
                 @JsonProperty("description") String description,
                 @JsonProperty("created") long created,
                 @JsonProperty("expires") Long expires,
                 @JsonProperty("scopes") List<String> scopes,
                 @JsonProperty("seal") String seal) {

    StoredKey {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** Every field but the seal, in a fixed order: what {@link io.github.legacyauth.core.RecordSeal} binds. */
    String sealedContent() {
        return hash + "\n" + (description == null ? "" : description) + "\n" + created + "\n"
                + (expires == null ? "" : expires) + "\n" + String.join(",", scopes);
    }

    StoredKey sealed(String value) {
        return new StoredKey(hash, description, created, expires, scopes, value);
    }

    boolean expiredAt(long epochSeconds) {
        return expires != null && epochSeconds >= expires;
    }
}
