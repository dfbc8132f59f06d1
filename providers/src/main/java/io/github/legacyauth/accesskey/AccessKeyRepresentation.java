package io.github.legacyauth.accesskey;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An access key as the account and admin APIs show it. {@code key} (the plaintext) is present only in
 * the answer that creates the key; no other answer and no log line ever carries it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessKeyRepresentation(@JsonProperty("id") String id,
                                      @JsonProperty("description") String description,
                                      @JsonProperty("created_at") String createdAt,
                                      @JsonProperty("expires_at") String expiresAt,
                                      @JsonProperty("last_used_at") String lastUsedAt,
                                      @JsonProperty("scopes") List<String> scopes,
                                      @JsonProperty("key") String key) {

    AccessKeyRepresentation withoutKey() {
        return new AccessKeyRepresentation(id, description, createdAt, expiresAt, lastUsedAt, scopes, null);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "AccessKeyRepresentation[id=" + id + ", description=" + description + "]";
    }
}
