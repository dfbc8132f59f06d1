package io.github.legacyauth.accesskey;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a user may ask for when creating a key: whether keys are on, the realm's limits
 * ({@code max_lifetime_days} is null when keys may live forever), the lifetime to propose first
 * ({@code default_lifetime_days}, null = never expires), how long an expired key stays listed, whether
 * the user may use keys at all ({@code api_access}: false when the realm's API-access role is one the user
 * lacks, so every use would be refused) and the roles a key may be limited to.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyOptions(@JsonProperty("enabled") boolean enabled,
                  @JsonProperty("max_per_user") int maxPerUser,
                  @JsonProperty("max_lifetime_days") @JsonInclude(JsonInclude.Include.ALWAYS) Integer maxLifetimeDays,
                  @JsonProperty("default_lifetime_days") @JsonInclude(JsonInclude.Include.ALWAYS) Integer defaultLifetimeDays,
                  @JsonProperty("expired_retention_days") int expiredRetentionDays,
                  @JsonProperty("api_access") boolean apiAccess,
                  @JsonProperty("scopes_limited") boolean scopesLimited,
                  @JsonProperty("scopes") List<Scope> scopes) {

    /** A role, spelled as in {@code X-Auth-Roles}, with its description when it has one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scope(@JsonProperty("name") String name, @JsonProperty("description") String description) {
    }
}
