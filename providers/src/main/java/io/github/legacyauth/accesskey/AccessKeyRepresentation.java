package io.github.legacyauth.accesskey;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An access key as the account and admin APIs show it. {@code key} (the plaintext) is present only in
 * the answer that creates the key; no other answer and no log line ever carries it. {@code expires_at}
 * is always present: null for a key that never expires. {@code format} names the legacy format of an
 * imported key ({@code tuleap}, {@code secret}) and is absent for a key this extension minted. {@code state}
 * is {@value #ACTIVE} or {@value #EXPIRED}. {@code last_used_ip} is the address of the recorded last use.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessKeyRepresentation(@JsonProperty("id") String id,
                                      @JsonProperty("description") String description,
                                      @JsonProperty("created_at") String createdAt,
                                      @JsonProperty("expires_at") @JsonInclude(JsonInclude.Include.ALWAYS) String expiresAt,
                                      @JsonProperty("last_used_at") String lastUsedAt,
                                      @JsonProperty("last_used_ip") String lastUsedIp,
                                      @JsonProperty("scopes") List<String> scopes,
                                      @JsonProperty("format") String format,
                                      @JsonProperty("state") String state,
                                      @JsonProperty("key") String key) {

    /** A key that passes (until its expiry, if it has one). */
    public static final String ACTIVE = "active";
    /** A key past its expiry: refused, listed until revoked, not counted towards the per-user limit. */
    public static final String EXPIRED = "expired";

    AccessKeyRepresentation withoutKey() {
        return new AccessKeyRepresentation(id, description, createdAt, expiresAt, lastUsedAt, lastUsedIp, scopes, format,
                state, null);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "AccessKeyRepresentation[id=" + id + ", description=" + description + "]";
    }
}
