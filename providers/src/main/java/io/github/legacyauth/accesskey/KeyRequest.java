package io.github.legacyauth.accesskey;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The body that creates a key: a description, an optional ISO-8601 expiry, optional role scopes. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeyRequest(@JsonProperty("description") String description,
                         @JsonProperty("expires_at") String expiresAt,
                         @JsonProperty("scopes") List<String> scopes) {
}
