package io.github.legacyauth.accesskey;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body that imports a legacy key (see {@link ImportedKeys}): {@code format} {@code tuleap} with
 * {@code key_id} and {@code verifier_hash}, or {@code secret} with {@code secret}; then the fields of
 * a new key, and optionally when the legacy application created it. {@code toString} never shows the
 * secret or the verifier.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeyImportRequest(@JsonProperty("format") String format,
                               @JsonProperty("key_id") String keyId,
                               @JsonProperty("verifier_hash") String verifierHash,
                               @JsonProperty("secret") String secret,
                               @JsonProperty("description") String description,
                               @JsonProperty("expires_at") String expiresAt,
                               @JsonProperty("created_at") String createdAt,
                               @JsonProperty("scopes") List<String> scopes) {

    @Override
    public String toString() {
        return "KeyImportRequest[format=" + format + ", key_id=" + keyId + ", description=" + description + "]";
    }
}
