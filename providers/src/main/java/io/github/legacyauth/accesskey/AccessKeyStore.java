package io.github.legacyauth.accesskey;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.util.JsonSerialization;

import io.github.legacyauth.core.FreshUser;
import io.github.legacyauth.core.RealmSettings;
import io.github.legacyauth.core.RecordSeal;
import io.github.legacyauth.core.RoleNames;
import io.github.legacyauth.core.SecretHash;
import io.github.legacyauth.core.SecretText;

/**
 * A user's access keys, kept in the user's own attributes: one attribute per key holding its
 * {@link StoredKey}, and one per key for its last use. Reading a key is a read of the (cached) user;
 * the last-use time is written at most once per key per {@link #LAST_USED_INTERVAL_SECONDS}.
 * Deleting the user deletes its keys.
 */
final class AccessKeyStore {

    static final String KEY_ATTRIBUTE = "legacy-auth.access-key.";
    static final String LAST_USED_ATTRIBUTE = "legacy-auth.access-key-used.";
    static final int LAST_USED_INTERVAL_SECONDS = 600;
    static final int MAX_DESCRIPTION_LENGTH = 255;

    private static final Logger LOG = Logger.getLogger(AccessKeyStore.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final RealmModel realm;

    AccessKeyStore(RealmModel realm) {
        this.realm = realm;
    }

    /**
     * The key's record, or null when there is none or it is not one this extension wrote (unreadable, or
     * its seal does not match: written through Keycloak's user API, or altered there).
     */
    StoredKey find(UserModel user, String keyId) {
        return find(user, keyId, true);
    }

    /** A record read afresh is read so at most once in this many milliseconds, per user and key id. */
    static final long RE_READ_INTERVAL_MILLIS = 10_000;
    private static final int MAX_RE_READS_TRACKED = 10_000;
    private static final java.util.concurrent.ConcurrentHashMap<String, Long> RE_READS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Whether a record of the extension's shape (it parses, with a hash) fails its seal in this copy of the
     * user, and was not read afresh in the last {@value #RE_READ_INTERVAL_MILLIS} ms: then it is worth one
     * more read ({@link #findAfresh}). A record that does not parse is never one of ours; and a record
     * planted to fail its seal buys one read per ten seconds, not one per request.
     */
    boolean worthReadingAfresh(UserModel user, String keyId) {
        String json = user.getFirstAttribute(KEY_ATTRIBUTE + keyId);
        if (json == null) {
            return false;
        }
        try {
            if (JsonSerialization.readValue(json, StoredKey.class).hash() == null) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        long now = System.currentTimeMillis();
        String id = realm.getId() + "/" + user.getId() + "/" + keyId;
        Long last = RE_READS.get(id);
        if (last != null && now - last < RE_READ_INTERVAL_MILLIS) {
            return false;
        }
        if (RE_READS.size() >= MAX_RE_READS_TRACKED) {
            RE_READS.entrySet().removeIf(entry -> now - entry.getValue() >= RE_READ_INTERVAL_MILLIS);
            if (RE_READS.size() >= MAX_RE_READS_TRACKED) {
                return false; // flooded: no fresh reads until entries age out
            }
        }
        // one of several parallel requests for the record wins the read
        return last == null ? RE_READS.putIfAbsent(id, now) == null : RE_READS.replace(id, last, now);
    }

    /**
     * The key's record as the database holds it now ({@link FreshUser#read}): for a record whose seal did
     * not verify in this request's copy of the owner, which may have been loaded half-way through another
     * node's commit of the owner's records (a revocation seals every record again under a new
     * generation). A record written around the extension fails again, and is ignored with a warning.
     */
    static StoredKey findAfresh(KeycloakSession session, RealmModel realm, String userId, String keyId) {
        return FreshUser.read(session, realm, userId, (inner, owner) -> owner == null ? null
                : new AccessKeyStore(inner.getContext().getRealm()).find(owner, keyId, true));
    }

    /** The same; {@code warn} false leaves a record that fails its seal unlogged (it is read again). */
    StoredKey find(UserModel user, String keyId, boolean warn) {
        String json = user.getFirstAttribute(KEY_ATTRIBUTE + keyId);
        if (json == null) {
            return null;
        }
        StoredKey key;
        try {
            key = JsonSerialization.readValue(json, StoredKey.class);
        } catch (IOException e) {
            if (warn) {
                LOG.warnf("Unreadable access key record %s of user %s in realm %s; ignoring it", keyId, user.getId(),
                        realm.getName());
            }
            return null;
        }
        if (key.hash() == null || !RecordSeal.verify(realm, user, KEY_ATTRIBUTE + keyId,
                key.sealedContent(), key.seal())) {
            if (warn) {
                LOG.warnf("Access key record %s of user %s in realm %s was not written by this extension (its seal"
                        + " does not match); ignoring it", keyId, user.getId(), realm.getName());
            }
            return null;
        }
        return key;
    }

    /** The user's keys, oldest first; a key expired longer than the realm keeps expired keys is left out. */
    List<AccessKeyRepresentation> list(UserModel user) {
        long now = Time.currentTime();
        int retention = settings().expiredRetentionDays();
        return keyIds(user).stream()
                .map(id -> {
                    StoredKey key = find(user, id);
                    return key == null || key.retiredAt(now, retention) ? null : representation(user, id, key, null);
                })
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(AccessKeyRepresentation::createdAt).thenComparing(AccessKeyRepresentation::id))
                .toList();
    }

    /**
     * Creates a key for the user; the answer is the only place its plaintext ever appears. The caller
     * holds the user's write lock and has checked the per-user limit against the committed keys.
     */
    AccessKeyRepresentation create(UserModel user, KeyRequest request, AccessKeySettings settings)
            throws KeyRequestException {
        if (request == null) {
            throw new KeyRequestException(400, "A JSON body with description, expires_at and scopes is expected");
        }
        String description = description(request.description());
        long now = Time.currentTime();
        Long expires = expiry(request.expiresAt(), now, settings);
        List<String> scopes = scopes(user, request.scopes(), settings);

        AccessKeyFormat.AccessKey key;
        do {
            key = AccessKeyFormat.generate(user.getId(), RANDOM);
        } while (user.getFirstAttribute(KEY_ATTRIBUTE + key.keyId()) != null);
        StoredKey unsealed = StoredKey.unsealed(SecretHash.hash(key.secret()), description, now, expires, scopes, null);
        StoredKey stored = unsealed.sealed(RecordSeal.seal(realm, user, KEY_ATTRIBUTE + key.keyId(),
                unsealed.sealedContent(), generationForWriting(user)));
        write(user, key.keyId(), stored);
        return representation(user, key.keyId(), stored, AccessKeyFormat.format(key));
    }

    /**
     * Checks an import of a key the legacy application handed out (see {@link ImportedKeys}) against
     * every rule of creating a key; what is left to check is that no other user holds the key. The caller
     * holds the user's write lock and has checked the per-user limit.
     */
    PreparedImport prepareImport(UserModel user, KeyImportRequest request, AccessKeySettings settings)
            throws KeyRequestException {
        if (request == null || request.format() == null) {
            throw new KeyRequestException(400, "A JSON body with format (\"tuleap\" or \"secret\") is expected");
        }
        String keyId;
        String hash;
        String locator;
        switch (request.format()) {
            case ImportedKeys.TULEAP -> {
                Long id = ImportedKeys.tuleapId(request.keyId());
                if (id == null) {
                    throw new KeyRequestException(400, "key_id must be Tuleap's numeric key id, such as 1026");
                }
                byte[] verifier = ImportedKeys.tuleapVerifier(request.verifierHash());
                if (verifier == null) {
                    throw new KeyRequestException(400, "verifier_hash must be the 64 hex characters Tuleap stores"
                            + " for the key (the SHA-256 of its 32 random bytes)");
                }
                keyId = ImportedKeys.tuleapKeyId(id);
                hash = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(verifier);
                locator = ImportedKeys.tuleapLocator(realm, id, true);
            }
            case ImportedKeys.SECRET -> {
                if (!ImportedKeys.secretShaped(request.secret())) {
                    throw new KeyRequestException(400, "secret must be the token as the application kept it: "
                            + ImportedKeys.MIN_SECRET_LENGTH + " to " + ImportedKeys.MAX_SECRET_LENGTH
                            + " visible ASCII characters, not an access key of another format (a secret a person"
                            + " chose belongs in the password)");
                }
                keyId = null; // a fresh id, as a minted key's
                hash = SecretHash.hash(request.secret());
                locator = ImportedKeys.secretLocator(realm, hash, true);
            }
            default -> throw new KeyRequestException(400, "format must be \"tuleap\" or \"secret\"");
        }
        String description = description(request.description());
        long now = Time.currentTime();
        Long expires = expiry(request.expiresAt(), now, settings);
        List<String> scopes = scopes(user, request.scopes(), settings);
        long created = created(request.createdAt(), now);
        if (keyId == null) {
            do {
                keyId = SecretText.randomBase62(RANDOM, AccessKeyFormat.KEY_ID_LENGTH);
            } while (user.getFirstAttribute(KEY_ATTRIBUTE + keyId) != null);
        } else if (user.getFirstAttribute(KEY_ATTRIBUTE + keyId) != null) {
            throw new KeyRequestException(409, "This user already holds that key");
        }
        return new PreparedImport(keyId, StoredKey.unsealed(hash, description, created, expires, scopes,
                request.format()), locator);
    }

    /** An import that passed every rule: the record to seal under its id, and the owner's locator. */
    record PreparedImport(String keyId, StoredKey record, String locator) {
    }

    /** Writes a prepared import; the answer holds no secret, none being known. */
    AccessKeyRepresentation writeImport(UserModel user, PreparedImport prepared) {
        StoredKey unsealed = prepared.record();
        StoredKey stored = unsealed.sealed(RecordSeal.seal(realm, user, KEY_ATTRIBUTE + prepared.keyId(),
                unsealed.sealedContent(), generationForWriting(user)));
        write(user, prepared.keyId(), stored);
        KeyOwnerIndex.add(user, prepared.locator());
        return representation(user, prepared.keyId(), stored, null);
    }

    /** The user's imported secret whose hash this is, or null. */
    KeyOwnerIndex.Match importedSecret(UserModel user, String hash) {
        byte[] wanted = hash.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        KeyOwnerIndex.Match found = null;
        for (String id : keyIds(user)) {
            StoredKey key = find(user, id);
            if (key != null && key.imported(ImportedKeys.SECRET)
                    && java.security.MessageDigest.isEqual(wanted, key.hash().getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                found = new KeyOwnerIndex.Match(id, key);
            }
        }
        return found;
    }

    /**
     * Revokes a key for good; false when the user has no such key. The owner moves to a new record
     * generation and the other keys are sealed again, so no copy of the revoked record (or of any record
     * from before) can be written back to bring it to life.
     */
    boolean revoke(UserModel user, String keyId) {
        if (keyId == null || user.getFirstAttribute(KEY_ATTRIBUTE + keyId) == null) {
            return false;
        }
        StoredKey revoked = find(user, keyId);
        user.removeAttribute(KEY_ATTRIBUTE + keyId);
        user.removeAttribute(LAST_USED_ATTRIBUTE + keyId);
        if (revoked != null && revoked.format() != null) {
            String locator = locator(keyId, revoked);
            if (locator != null) {
                KeyOwnerIndex.remove(user, locator);
            }
        }
        // read after the first write: the user is then read from the database, not an earlier cached copy
        sealAllUnderNewGeneration(user, null, null);
        return true;
    }

    /**
     * Gives a key that has not expired a new secret: same id, description and scopes, the lifetime it had
     * (from now, within the realm's longest lifetime), last use cleared. The old secret stops at once: like a revocation, the
     * owner moves to a new record generation, so no copy of the old record can be written back. The
     * answer is the only place the new secret appears. The caller holds the user's write lock.
     */
    AccessKeyRepresentation regenerate(UserModel user, String keyId, AccessKeySettings settings)
            throws KeyRequestException {
        StoredKey old = keyId == null ? null : find(user, keyId);
        long now = Time.currentTime();
        if (old == null || old.retiredAt(now, settings.expiredRetentionDays())) {
            throw new KeyRequestException(404, "No such access key");
        }
        if (old.format() != null) {
            throw new KeyRequestException(409, "An imported key keeps the secret the legacy application issued;"
                    + " create a new key and revoke this one");
        }
        if (old.expiredAt(now)) {
            // an expired key holds no place under the limit: bringing it back is creating a key
            throw new KeyRequestException(409, "This key has expired; create a new key instead");
        }
        Long expires = null;
        if (old.expires() != null) {
            expires = now + Math.max(1L, old.expires() - old.created());
        }
        if (settings.maxLifetimeDays() > 0) {
            long max = now + settings.maxLifetimeDays() * 86_400L;
            expires = expires == null ? max : Math.min(expires, max);
        }
        String secret = SecretText.randomBase62(RANDOM, AccessKeyFormat.SECRET_LENGTH);
        StoredKey fresh = StoredKey.unsealed(SecretHash.hash(secret), old.description(), now, expires, old.scopes(), null);
        user.removeAttribute(LAST_USED_ATTRIBUTE + keyId);
        Map<String, StoredKey> records = sealAllUnderNewGeneration(user, keyId, fresh).records();
        return representation(user, keyId, records.get(keyId),
                AccessKeyFormat.format(new AccessKeyFormat.AccessKey(user.getId(), keyId, secret)));
    }

    /**
     * Removes the user's keys that expired longer ago than the realm keeps expired keys listed. Runs when
     * the owner's keys are written (create, import, regenerate, revoke), under the user's write lock;
     * until then such keys are refused (expired) and left out of every list.
     */
    void removeRetired(UserModel user, AccessKeySettings settings) {
        long now = Time.currentTime();
        List<Map.Entry<String, StoredKey>> expired = new ArrayList<>();
        for (String id : keyIds(user)) {
            StoredKey key = find(user, id);
            if (key != null && key.retiredAt(now, settings.expiredRetentionDays())) {
                remove(user, id, key);
            } else if (key != null && key.expiredAt(now)) {
                expired.add(Map.entry(id, key));
            }
        }
        // at most as many expired keys as active ones may be held: the oldest expired go first
        expired.sort(Comparator.comparingLong((Map.Entry<String, StoredKey> entry) -> entry.getValue().expires())
                .reversed());
        expired.stream().skip(settings.maxPerUser()).forEach(entry -> remove(user, entry.getKey(), entry.getValue()));
    }

    private void remove(UserModel user, String id, StoredKey key) {
        user.removeAttribute(KEY_ATTRIBUTE + id);
        user.removeAttribute(LAST_USED_ATTRIBUTE + id);
        String locator = key.format() == null ? null : locator(id, key);
        if (locator != null) {
            KeyOwnerIndex.remove(user, locator);
        }
        LOG.debugf("Removed expired access key %s of user %s in realm %s", id, user.getId(), realm.getName());
    }

    /** One of the user's keys as listed, or null when there is none (or it is past its grace period). */
    AccessKeyRepresentation one(UserModel user, String keyId) {
        StoredKey key = keyId == null ? null : find(user, keyId);
        return key == null || key.retiredAt(Time.currentTime(), settings().expiredRetentionDays()) ? null
                : representation(user, keyId, key, null);
    }

    /**
     * The owner's record generation, minted now if the owner has none: a record written here is never
     * sealed at generation zero, so removing the generation (an admin can delete the credential) voids it
     * rather than reviving copies of records revoked before. The owner's records of an earlier version,
     * sealed at generation zero, are sealed again under the new one.
     */
    private String generationForWriting(UserModel user) {
        String generation = RecordSeal.generationOf(realm, user);
        if (generation != null) {
            return generation;
        }
        return sealAllUnderNewGeneration(user, null, null).generation();
    }

    /**
     * Moves the owner to a new record generation and seals every valid record again under it, the record
     * {@code replacedId} (if any) replaced by {@code replacement}: copies of any record from before are void.
     * Answers the new generation (a cached copy of the owner may not show it yet) and the records as sealed.
     */
    private Resealed sealAllUnderNewGeneration(UserModel user, String replacedId, StoredKey replacement) {
        Map<String, StoredKey> records = new java.util.LinkedHashMap<>();
        for (String id : keyIds(user)) {
            StoredKey key = id.equals(replacedId) ? replacement : find(user, id);
            if (key != null) {
                records.put(id, key);
            }
        }
        String generation = RecordSeal.newGeneration(realm, user);
        Map<String, StoredKey> sealed = new java.util.LinkedHashMap<>();
        records.forEach((id, key) -> {
            StoredKey written = key.sealed(RecordSeal.seal(realm, user, KEY_ATTRIBUTE + id, key.sealedContent(), generation));
            write(user, id, written);
            sealed.put(id, written);
        });
        return new Resealed(generation, sealed);
    }

    private record Resealed(String generation, Map<String, StoredKey> records) {
    }

    /** The locator an imported record left on its owner. */
    private String locator(String keyId, StoredKey key) {
        if (ImportedKeys.TULEAP.equals(key.format())) {
            Long id = ImportedKeys.tuleapId(keyId.substring(ImportedKeys.TULEAP_KEY_ID_PREFIX.length()));
            return id == null ? null : ImportedKeys.tuleapLocator(realm, id, false);
        }
        return ImportedKeys.secretLocator(realm, key.hash(), false);
    }

    private static void write(UserModel user, String keyId, StoredKey key) {
        try {
            user.setSingleAttribute(KEY_ATTRIBUTE + keyId, JsonSerialization.writeValueAsString(key));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialise an access key record", e);
        }
    }

    /**
     * Records that a key was used, and from which address (as Keycloak sees the client, behind a proxy
     * the forwarded one when it is configured to trust it), unless a use was recorded in the last ten
     * minutes.
     */
    void recordUse(UserModel user, String keyId, String address) {
        long now = Time.currentTime();
        Long last = lastUsed(user, keyId);
        if (last != null && now - last < LAST_USED_INTERVAL_SECONDS) {
            return;
        }
        String from = address == null ? "" : address.trim();
        if (from.length() > 64 || !from.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == ':'
                || c == '%' || c == '-' || c == '_')) {
            from = ""; // not an address: never stored
        }
        user.setSingleAttribute(LAST_USED_ATTRIBUTE + keyId, from.isEmpty() ? String.valueOf(now) : now + " " + from);
        LOG.debugf("Recorded use of access key %s of user %s in realm %s", keyId, user.getId(), realm.getName());
    }

    /**
     * The roles a key of this user may be limited to: every role the user holds now, directly, through
     * groups or composites, except the realm's default-roles container, sorted by name.
     */
    List<KeyOptions.Scope> grantableScopes(UserModel user, AccessKeySettings settings) {
        RoleModel defaultRole = realm.getDefaultRole();
        Set<RoleModel> allowed = allowedRoles(settings);
        return RoleUtils.getDeepUserRoleMappings(user).stream()
                .filter(role -> defaultRole == null || !role.getId().equals(defaultRole.getId()))
                .filter(role -> allowed == null || allowed.contains(role))
                .map(role -> new KeyOptions.Scope(RoleNames.of(role), role.getDescription()))
                .sorted(Comparator.comparing((KeyOptions.Scope scope) -> scope.name().contains(":"))
                        .thenComparing(KeyOptions.Scope::name))
                .toList();
    }

    /**
     * The roles a key acts with now: its scopes (with composites; all of the user's roles when it has none)
     * intersected with the user's roles now and, when the realm limits the roles keys may carry, with those.
     */
    Set<RoleModel> effectiveRoles(UserModel user, StoredKey key) {
        Set<RoleModel> userRoles = RoleUtils.getDeepUserRoleMappings(user);
        Set<RoleModel> roles;
        if (key.scopes().isEmpty()) {
            roles = new java.util.HashSet<>(userRoles);
        } else {
            roles = RoleUtils.expandCompositeRoles(key.scopes().stream()
                    .map(realm::getRoleById)
                    .filter(Objects::nonNull)
                    .collect(Collectors.toSet()));
            roles.retainAll(userRoles);
        }
        Set<RoleModel> allowed = allowedRoles(settings());
        if (allowed != null) {
            roles.retainAll(allowed);
        }
        return roles;
    }

    /** The roles keys may carry (with their composites), or null when the realm does not limit them. */
    private Set<RoleModel> allowedRoles(AccessKeySettings settings) {
        if (settings.scopeRoles().isEmpty()) {
            return null;
        }
        return RoleUtils.expandCompositeRoles(settings.scopeRoles().stream()
                .map(name -> RoleNames.find(realm, name))
                .filter(Objects::nonNull)
                .collect(Collectors.toSet()));
    }

    private AccessKeySettings settings() {
        return AccessKeySettings.of(RealmSettings.of(realm));
    }

    private List<String> keyIds(UserModel user) {
        Map<String, List<String>> attributes = user.getAttributes();
        List<String> ids = new ArrayList<>();
        for (String name : attributes.keySet()) {
            if (name.startsWith(KEY_ATTRIBUTE)) {
                ids.add(name.substring(KEY_ATTRIBUTE.length()));
            }
        }
        return ids;
    }

    private Long lastUsed(UserModel user, String keyId) {
        String value = user.getFirstAttribute(LAST_USED_ATTRIBUTE + keyId);
        if (value == null) {
            return null;
        }
        int space = value.indexOf(' ');
        try {
            return Long.valueOf(space < 0 ? value : value.substring(0, space));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The address of the recorded last use, when one was recorded with it. */
    private String lastUsedFrom(UserModel user, String keyId) {
        String value = user.getFirstAttribute(LAST_USED_ATTRIBUTE + keyId);
        int space = value == null ? -1 : value.indexOf(' ');
        return space < 0 ? null : value.substring(space + 1);
    }

    private static String description(String requested) throws KeyRequestException {
        String description = requested == null ? "" : requested.trim();
        if (description.length() > MAX_DESCRIPTION_LENGTH
                || description.codePoints().anyMatch(Character::isISOControl)) {
            throw new KeyRequestException(400, "The description must be at most " + MAX_DESCRIPTION_LENGTH
                    + " characters, without control characters");
        }
        return description;
    }

    /** When an imported key was created in the legacy application (an instant in the past), else now. */
    private static long created(String requested, long now) throws KeyRequestException {
        if (requested == null || requested.isBlank()) {
            return now;
        }
        long created;
        try {
            created = Instant.parse(requested.trim()).getEpochSecond();
        } catch (DateTimeParseException e) {
            throw new KeyRequestException(400, "created_at must be an ISO-8601 instant such as 2024-05-01T09:30:00Z");
        }
        if (created > now || created < 0) {
            throw new KeyRequestException(400, "created_at must be in the past");
        }
        return created;
    }

    /**
     * The expiry a request asks for, in epoch seconds: an ISO-8601 instant, or a date ({@code 2030-01-31}),
     * which means the end of that day (UTC). None asked: the realm's longest lifetime, or null (never).
     * A date on the last day the realm allows ends when that lifetime does.
     */
    static Long expiry(String requested, long now, AccessKeySettings settings) throws KeyRequestException {
        Long max = settings.maxLifetimeDays() > 0 ? now + settings.maxLifetimeDays() * 86_400L : null;
        if (requested == null || requested.isBlank()) {
            return max;
        }
        String text = requested.trim();
        boolean wholeDay = DATE.matcher(text).matches();
        long expires;
        try {
            expires = wholeDay
                    ? LocalDate.parse(text).atTime(LocalTime.MAX).toEpochSecond(ZoneOffset.UTC)
                    : Instant.parse(text).getEpochSecond();
        } catch (DateTimeParseException e) {
            throw new KeyRequestException(400, "expires_at must be a date such as 2030-01-31 (the end of that day,"
                    + " UTC) or an ISO-8601 instant such as 2030-01-31T12:00:00Z");
        }
        if (expires <= now) {
            throw new KeyRequestException(400, "expires_at must be in the future");
        }
        if (max != null && expires > max) {
            boolean lastAllowedDay = wholeDay && LocalDate.parse(text).equals(
                    LocalDate.ofInstant(Instant.ofEpochSecond(max), ZoneOffset.UTC));
            if (!lastAllowedDay) {
                throw new KeyRequestException(400, "Access keys in this realm may live at most "
                        + settings.maxLifetimeDays() + " days");
            }
            expires = max;
        }
        return expires;
    }

    /** Scopes as role ids; each must name a role the user holds now, and one keys may carry. */
    private List<String> scopes(UserModel user, List<String> names, AccessKeySettings settings)
            throws KeyRequestException {
        if (names == null || names.isEmpty()) {
            return List.of();
        }
        Set<RoleModel> userRoles = RoleUtils.getDeepUserRoleMappings(user);
        Set<RoleModel> allowed = allowedRoles(settings);
        Set<String> ids = new LinkedHashSet<>();
        for (String name : names) {
            RoleModel role = name == null ? null : RoleNames.find(realm, name);
            if (role == null || !userRoles.contains(role)) {
                throw new KeyRequestException(400, "Scope '" + name + "' is not a role this user holds");
            }
            if (allowed != null && !allowed.contains(role)) {
                throw new KeyRequestException(400, "Scope '" + name + "' is not one of the roles keys may carry"
                        + " in this realm");
            }
            ids.add(role.getId());
        }
        return List.copyOf(ids);
    }

    private AccessKeyRepresentation representation(UserModel user, String id, StoredKey key, String plaintext) {
        List<String> scopes = key.scopes().stream()
                .map(realm::getRoleById)
                .filter(Objects::nonNull)
                .map(RoleNames::of)
                .sorted()
                .toList();
        Long lastUsed = lastUsed(user, id);
        return new AccessKeyRepresentation(id, key.description(), instant(key.created()),
                key.expires() == null ? null : instant(key.expires()),
                lastUsed == null ? null : instant(lastUsed), lastUsed == null ? null : lastUsedFrom(user, id),
                scopes, key.format(),
                key.expiredAt(Time.currentTime()) ? AccessKeyRepresentation.EXPIRED : AccessKeyRepresentation.ACTIVE,
                plaintext);
    }

    private static String instant(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }
}
