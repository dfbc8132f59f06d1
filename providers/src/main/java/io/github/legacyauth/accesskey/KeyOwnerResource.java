package io.github.legacyauth.accesskey;

import java.util.List;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.github.legacyauth.core.Challenge;
import io.github.legacyauth.core.FreshUser;
import io.github.legacyauth.core.LegacyMetrics;
import io.github.legacyauth.core.RealmSettings;
import io.github.legacyauth.core.RecordWriteLock;

/**
 * List, create and revoke one user's keys: the part the account and the admin endpoints share. They
 * differ only in who may act and which event they record.
 */
final class KeyOwnerResource {

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AccessKeyStore store;

    KeyOwnerResource(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = new AccessKeyStore(realm);
    }

    Response list(UserModel user) {
        List<AccessKeyRepresentation> keys = store.list(user);
        return Response.ok(keys, MediaType.APPLICATION_JSON_TYPE).cacheControl(NO_STORE).build();
    }

    Response options(UserModel user) {
        RealmSettings realmSettings = RealmSettings.of(realm);
        AccessKeySettings settings = AccessKeySettings.of(realmSettings);
        String apiRole = realmSettings.apiAccessRole();
        org.keycloak.models.RoleModel role = apiRole == null ? null
                : org.keycloak.models.utils.KeycloakModelUtils.getRoleFromString(realm, apiRole);
        boolean apiAccess = apiRole == null || (role != null && user.hasRole(role));
        KeyOptions options = new KeyOptions(settings.enabled(), settings.maxPerUser(),
                settings.maxLifetimeDays() > 0 ? settings.maxLifetimeDays() : null, settings.proposedLifetimeDays(),
                settings.expiredRetentionDays(), apiAccess, !settings.scopeRoles().isEmpty(),
                store.grantableScopes(user, settings));
        return Response.ok(options, MediaType.APPLICATION_JSON_TYPE).cacheControl(NO_STORE).build();
    }

    /** Creates the key, or answers why not; {@code created} receives the new key (without its secret). */
    Response create(UserModel user, KeyRequest request, java.util.function.Consumer<AccessKeyRepresentation> created) {
        Opening opening = open(user, true);
        if (opening.refusal() != null) {
            return opening.refusal();
        }
        AccessKeySettings settings = opening.settings();
        try {
            AccessKeyRepresentation key = store.create(opening.user(), request, settings);
            LegacyMetrics.keys(realm.getName(), "created");
            created.accept(key.withoutKey());
            return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE)
                    .cacheControl(NO_STORE).entity(key).build();
        } catch (KeyRequestException e) {
            return e.response();
        }
    }

    /**
     * Imports a legacy key for the user, under the same rules as creating one, and refuses a key that a
     * user of the realm already holds; {@code imported} receives the record.
     */
    Response importKey(UserModel user, KeyImportRequest request, java.util.function.Consumer<AccessKeyRepresentation> imported) {
        Opening opening = open(user, true);
        if (opening.refusal() != null) {
            return opening.refusal();
        }
        AccessKeySettings settings = opening.settings();
        UserModel owner = opening.user();
        try {
            AccessKeyStore.PreparedImport prepared = store.prepareImport(owner, request, settings);
            // one import of a key at a time on a node, whichever user it is for: the check below sees the other
            RecordWriteLock.holdUntilCommit(session, realm.getId(), "locator " + prepared.locator());
            StoredKey wanted = prepared.record();
            boolean held = KeyOwnerIndex.holders(session, realm, prepared.locator()).stream().anyMatch(candidate ->
                    (ImportedKeys.TULEAP.equals(wanted.format())
                            ? heldAs(candidate, prepared.keyId(), wanted.format())
                            : store.importedSecret(candidate, wanted.hash())) != null);
            if (held) {
                throw new KeyRequestException(409, "This key is already imported for a user of this realm;"
                        + " revoke it there first");
            }
            AccessKeyRepresentation key = store.writeImport(owner, prepared);
            LegacyMetrics.keys(realm.getName(), "imported");
            imported.accept(key);
            return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE)
                    .cacheControl(NO_STORE).entity(key).build();
        } catch (KeyRequestException e) {
            return e.response();
        }
    }

    /**
     * Gives the key a new secret (see {@link AccessKeyStore#regenerate}) and ends the sessions the old one
     * opened; {@code regenerated} receives the key without its secret.
     */
    Response regenerate(UserModel user, String keyId, java.util.function.Consumer<AccessKeyRepresentation> regenerated) {
        Opening opening = open(user, false);
        if (opening.refusal() != null) {
            return opening.refusal();
        }
        try {
            AccessKeyRepresentation key = store.regenerate(opening.user(), keyId, opening.settings());
            endSessionsOf(opening.user(), keyId);
            LegacyMetrics.keys(realm.getName(), "regenerated");
            regenerated.accept(key.withoutKey());
            return Response.ok(key, MediaType.APPLICATION_JSON_TYPE).cacheControl(NO_STORE).build();
        } catch (KeyRequestException e) {
            return e.response();
        }
    }

    /** The checks every change of a user's keys opens with, then the user's write lock and the clean-up. */
    private Opening open(UserModel user, boolean newKey) {
        if (user.getServiceAccountClientLink() != null) {
            // a service account is an application's identity: application tokens, managed by client admins
            return new Opening(null, user, newKey
                    ? Challenge.error(400, "invalid_request", "A client's service account has no access keys;"
                            + " give the application an application token")
                    : Challenge.error(404, "not_found", "No such access key"));
        }
        AccessKeySettings settings = AccessKeySettings.of(RealmSettings.of(realm));
        if (!settings.enabled()) {
            return new Opening(null, user, Challenge.error(403, "forbidden",
                    "Personal access keys are switched off in this realm"));
        }
        RecordWriteLock.holdUntilCommit(session, realm.getId(), user.getId());
        UserModel owner = readAfterLock(user);
        store.removeRetired(owner, settings);
        if (newKey && committedKeys(owner.getId()) >= settings.maxPerUser()) {
            return new Opening(null, owner, Challenge.error(409, "conflict", "This user already has the maximum of "
                    + settings.maxPerUser() + " access keys; revoke one first"));
        }
        return new Opening(settings, owner, null);
    }

    /** The settings to act under, or the answer refusing to act. */
    private record Opening(AccessKeySettings settings, UserModel user, Response refusal) {
    }

    private KeyOwnerIndex.Match heldAs(UserModel candidate, String keyId, String format) {
        StoredKey key = store.find(candidate, keyId);
        return key != null && key.imported(format) ? new KeyOwnerIndex.Match(keyId, key) : null;
    }

    /**
     * The user's active keys as committed, read in a transaction of its own (this one may have read them
     * earlier); expired keys do not count towards the limit.
     */
    private int committedKeys(String userId) {
        String realmId = realm.getId();
        return org.keycloak.models.utils.KeycloakModelUtils.runJobInTransactionWithResult(
                session.getKeycloakSessionFactory(), s -> {
                    RealmModel r = s.realms().getRealm(realmId);
                    if (r == null) {
                        return 0;
                    }
                    s.getContext().setRealm(r);
                    UserModel u = s.users().getUserById(r, userId);
                    // an expired key is refused anyway: it does not hold a place
                    return u == null ? 0 : (int) new AccessKeyStore(r).list(u).stream()
                            .filter(key -> AccessKeyRepresentation.ACTIVE.equals(key.state())).count();
                });
    }

    /** Revokes the key and ends the sessions it opened; {@code revoked} runs when there was one. */
    Response revoke(UserModel user, String keyId, Runnable revoked) {
        if (user.getServiceAccountClientLink() != null) {
            // never a key there; and its record generation is the application tokens' (its client's)
            return Challenge.error(404, "not_found", "No such access key");
        }
        RecordWriteLock.holdUntilCommit(session, realm.getId(), user.getId());
        UserModel owner = readAfterLock(user);
        store.removeRetired(owner, AccessKeySettings.of(RealmSettings.of(realm)));
        if (!store.revoke(owner, keyId)) {
            return Challenge.error(404, "not_found", "No such access key");
        }
        endSessionsOf(user, keyId);
        LegacyMetrics.keys(realm.getName(), "revoked");
        revoked.run();
        return Response.noContent().build();
    }

    /**
     * The owner as committed, read once this request holds the owner's write lock: the copy the request
     * started with may predate what the previous holder committed (its records, its record generation),
     * and a write from a stale copy would undo or duplicate it.
     */
    private UserModel readAfterLock(UserModel user) {
        if (!FreshUser.evict(session, realm, user)) {
            return user; // no user cache: the copy is the database's
        }
        UserModel fresh = session.users().getUserById(realm, user.getId());
        return fresh == null ? user : fresh;
    }

    /** Ends the sessions the key opened (key grants), online and any offline ones from an earlier version. */
    private void endSessionsOf(UserModel user, String keyId) {
        session.sessions().getUserSessionsStream(realm, user)
                .filter(userSession -> AccessKeyVerifier.opened(
                        userSession.getNote(AccountAccessKeysResource.ACCESS_KEY_SESSION_NOTE), keyId))
                .toList()
                .forEach(userSession -> session.sessions().removeUserSession(realm, userSession));
        // key grants open no offline sessions; any from an earlier version end here too
        session.sessions().getOfflineUserSessionsStream(realm, user)
                .filter(userSession -> AccessKeyVerifier.opened(
                        userSession.getNote(AccountAccessKeysResource.ACCESS_KEY_SESSION_NOTE), keyId))
                .toList()
                .forEach(userSession -> session.sessions().removeOfflineUserSession(realm, userSession));
    }
}
