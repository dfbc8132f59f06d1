package io.github.legacyauth.basic;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

import io.github.legacyauth.core.RealmSettings;
import io.github.legacyauth.core.RecordSeal;
import io.github.legacyauth.core.SecretHash;
import io.github.legacyauth.core.SecretText;

/**
 * Application tokens, kept on the application client's service-account user: one attribute per token,
 * named by the SHA-256 of the token, so a presented token is found with one lookup and never stored in
 * clear. Generated tokens look like {@code lat_<32 base62><6 checksum>}; an existing token (a Kanboard
 * installation's) may be imported as it is, so its clients keep working unchanged.
 */
final class AppTokenStore {

    static final String TOKEN_ATTRIBUTE = "legacy-auth.app-token.";
    static final String PREFIX = "lat_";
    static final int MIN_IMPORTED_LENGTH = 20;
    static final int MAX_IMPORTED_LENGTH = 256;

    private static final Logger LOG = Logger.getLogger(AppTokenStore.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One token's record; never its plaintext. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StoredToken(@JsonProperty("id") String id, @JsonProperty("description") String description,
                       @JsonProperty("created") long created, @JsonProperty("seal") String seal) {

        /** Every field but the seal, in a fixed order: what {@link RecordSeal} binds. */
        String sealedContent() {
            return id + "\n" + (description == null ? "" : description) + "\n" + created;
        }
    }

    private final RealmModel realm;

    AppTokenStore(RealmModel realm) {
        this.realm = realm;
    }

    /** An application token as the admin API shows it; {@code token} only in the answer that creates it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AppTokenRepresentation(@JsonProperty("id") String id, @JsonProperty("description") String description,
                                  @JsonProperty("created_at") String createdAt, @JsonProperty("token") String token) {

        AppTokenRepresentation withoutToken() {
            return new AppTokenRepresentation(id, description, createdAt, null);
        }

        @Override
        public String toString() {
            return "AppTokenRepresentation[id=" + id + "]";
        }
    }

    /** The request that creates a token: a description and, to import an existing token, its value. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AppTokenRequest(@JsonProperty("description") String description, @JsonProperty("token") String token) {

        @Override
        public String toString() {
            return "AppTokenRequest[description=" + description + "]";
        }
    }

    /** The token's record, or null when there is none or its seal shows this extension did not write it. */
    StoredToken find(UserModel serviceAccount, String presented) {
        String attribute = TOKEN_ATTRIBUTE + SecretHash.hash(presented);
        String json = serviceAccount.getFirstAttribute(attribute);
        return json == null ? null : sealed(serviceAccount, attribute, read(json));
    }

    List<AppTokenRepresentation> list(UserModel serviceAccount) {
        return serviceAccount.getAttributes().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(TOKEN_ATTRIBUTE) && !entry.getValue().isEmpty())
                .map(entry -> sealed(serviceAccount, entry.getKey(), read(entry.getValue().get(0))))
                .filter(Objects::nonNull)
                .map(token -> representation(token, null))
                .sorted(Comparator.comparing(AppTokenRepresentation::createdAt).thenComparing(AppTokenRepresentation::id))
                .toList();
    }

    /** @return the new token with its plaintext, or null with {@code problem} set */
    AppTokenRepresentation create(UserModel serviceAccount, AppTokenRequest request) throws AppTokenRequestException {
        String description = request == null || request.description() == null ? "" : request.description().trim();
        if (description.length() > 255 || description.codePoints().anyMatch(Character::isISOControl)) {
            throw new AppTokenRequestException("The description must be at most 255 characters, without control characters");
        }
        String token = request == null ? null : request.token();
        if (token == null || token.isEmpty()) {
            String body = PREFIX + SecretText.randomBase62(RANDOM, 32);
            token = body + SecretText.checksum(body);
        } else if (token.length() < MIN_IMPORTED_LENGTH || token.length() > MAX_IMPORTED_LENGTH
                || token.codePoints().anyMatch(c -> c <= ' ' || c == ':' || c == 0x7f)) {
            throw new AppTokenRequestException("An imported token must be " + MIN_IMPORTED_LENGTH + " to "
                    + MAX_IMPORTED_LENGTH + " visible characters, without ':'");
        }
        String attribute = TOKEN_ATTRIBUTE + SecretHash.hash(token);
        if (serviceAccount.getFirstAttribute(attribute) != null) {
            throw new AppTokenRequestException("This token exists already");
        }
        StoredToken unsealed = new StoredToken(SecretText.randomBase62(RANDOM, 8), description, Time.currentTime(), null);
        StoredToken stored = new StoredToken(unsealed.id(), unsealed.description(), unsealed.created(),
                RecordSeal.seal(realm, serviceAccount, attribute, unsealed.sealedContent()));
        write(serviceAccount, attribute, stored);
        return representation(stored, token);
    }

    /**
     * Revokes the token with this id for good; false when there is none. Only a record this extension
     * sealed can match (a planted record with the same id is no decoy), and the service account moves to
     * a new record generation with the other tokens sealed again, so no old copy can be written back.
     */
    boolean revoke(UserModel serviceAccount, String id) {
        if (id == null) {
            return false;
        }
        String revoked = null;
        for (Map.Entry<String, List<String>> entry : serviceAccount.getAttributes().entrySet()) {
            if (entry.getKey().startsWith(TOKEN_ATTRIBUTE) && !entry.getValue().isEmpty()) {
                StoredToken token = sealed(serviceAccount, entry.getKey(), read(entry.getValue().get(0)));
                if (token != null && id.equals(token.id())) {
                    revoked = entry.getKey();
                }
            }
        }
        if (revoked == null) {
            return false;
        }
        serviceAccount.removeAttribute(revoked);
        // read after the first write: the user is then read from the database, not an earlier cached copy
        Map<String, StoredToken> survivors = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : serviceAccount.getAttributes().entrySet()) {
            if (entry.getKey().startsWith(TOKEN_ATTRIBUTE) && !entry.getValue().isEmpty()) {
                StoredToken token = sealed(serviceAccount, entry.getKey(), read(entry.getValue().get(0)));
                if (token != null) {
                    survivors.put(entry.getKey(), token);
                }
            }
        }
        String generation = RecordSeal.newGeneration(realm, serviceAccount);
        survivors.forEach((attribute, token) -> write(serviceAccount, attribute, new StoredToken(token.id(),
                token.description(), token.created(),
                RecordSeal.seal(realm, serviceAccount, attribute, token.sealedContent(), generation))));
        return true;
    }

    private static void write(UserModel serviceAccount, String attribute, StoredToken token) {
        try {
            serviceAccount.setSingleAttribute(attribute, JsonSerialization.writeValueAsString(token));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialise an application token record", e);
        }
    }

    private StoredToken sealed(UserModel serviceAccount, String attribute, StoredToken token) {
        if (token == null || token.id() == null) {
            return null;
        }
        if (!RecordSeal.verify(realm, serviceAccount, attribute, token.sealedContent(),
                token.seal())) {
            LOG.warnf("An application token record of realm %s was not written by this extension (its seal does not"
                    + " match); ignoring it", realm.getName());
            return null;
        }
        return token;
    }

    private static StoredToken read(String json) {
        try {
            return JsonSerialization.readValue(json, StoredToken.class);
        } catch (IOException e) {
            LOG.warn("Unreadable application token record; ignoring it");
            return null;
        }
    }

    private static AppTokenRepresentation representation(StoredToken token, String plaintext) {
        return new AppTokenRepresentation(token.id(), token.description(),
                Instant.ofEpochSecond(token.created()).toString(), plaintext);
    }

    static final class AppTokenRequestException extends Exception {
        AppTokenRequestException(String message) {
            super(message, null, false, false);
        }
    }
}
