package io.github.legacyauth.accesskey;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import io.github.legacyauth.core.Challenge;
import io.github.legacyauth.core.MalformedCredentialException;
import io.github.legacyauth.core.Unavailable;

/**
 * {@code GET /admin/realms/{realm}/legacy-auth/access-keys}: the realm's access keys, for the admin who
 * answers "this key leaked". {@code search} takes what the admin has: a key id as events carry it
 * ({@code legacy_auth_key_id}), a whole key as it leaked ({@code lak_…} or {@code tlp.k1.…}; only its id
 * and owner are read, never checked or kept), or nothing for every key, a page at a time. Each item names
 * the owner, so the key is revoked through the owner's endpoint. Keys of users the admin may not view
 * are left out; an admin who may not query users gets 403.
 */
public final class RealmKeysResource {

    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;
    static final int MAX_SEARCH_LENGTH = AccessKeyFormat.MAX_LENGTH;
    private static final int BATCH = 200;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public RealmKeysResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    /** A key and its owner. */
    public record Found(@JsonProperty("user_id") String userId,
                        @JsonProperty("username") String username,
                        @JsonProperty("key") AccessKeyRepresentation key) {
    }

    @GET
    public Response search(@QueryParam("search") String search, @QueryParam("first") String first,
                           @QueryParam("max") String max) {
        return Unavailable.guard(session, () -> {
            auth.users().requireQuery();
            int offset = number(first, 0);
            int size = number(max, DEFAULT_PAGE);
            if (offset < 0 || size < 1 || size > MAX_PAGE) {
                return Challenge.error(400, "invalid_request", "first must be 0 or more and max between 1 and " + MAX_PAGE);
            }
            String text = search == null ? "" : search.trim();
            if (text.length() > MAX_SEARCH_LENGTH) {
                return Challenge.error(400, "invalid_request", "search is a key id or a key, at most "
                        + MAX_SEARCH_LENGTH + " characters");
            }
            List<Found> found = new ArrayList<>();
            if (!text.isEmpty()) {
                Owner owner = owner(text);
                if (owner.userId() != null) {
                    if (offset == 0) {
                        add(found, owner.userId(), owner.keyId());
                    }
                } else {
                    collect(found, "a.name = :name", AccessKeyStore.KEY_ATTRIBUTE + owner.keyId(), offset, size);
                }
            } else {
                collect(found, "a.name like :name", AccessKeyStore.KEY_ATTRIBUTE + "%", offset, size);
            }
            return Response.ok(found, MediaType.APPLICATION_JSON_TYPE).cacheControl(CacheControl.valueOf("no-store")).build();
        });
    }

    /** A whole-number parameter, its default when absent, or -1 (refused) when it is no such number. */
    private static int number(String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** What a search names: a key id, and its owner when the text was a whole key of ours (it says). */
    private record Owner(String userId, String keyId) {
    }

    private static Owner owner(String text) {
        if (AccessKeyFormat.looksLikeKey(text)) {
            try {
                AccessKeyFormat.AccessKey key = AccessKeyFormat.parse(text);
                return new Owner(key.userId(), key.keyId());
            } catch (MalformedCredentialException e) {
                return new Owner(null, text); // finds nothing
            }
        }
        if (ImportedKeys.looksLikeTuleapKey(text)) {
            try {
                return new Owner(null, ImportedKeys.parseTuleapKey(text).keyId());
            } catch (MalformedCredentialException e) {
                return new Owner(null, text);
            }
        }
        return new Owner(null, text);
    }

    /**
     * The page of keys whose attribute rows match: rows are read in batches, and a row that is no key (a
     * record this extension did not seal, a key past its grace period, a user the admin may not view)
     * takes no place on the page.
     */
    private void collect(List<Found> found, String condition, String name, int first, int max) {
        EntityManager em = entityManager();
        if (em == null) {
            return; // no JPA store (the realm's users live elsewhere): a whole key still finds its owner
        }
        int skipped = 0;
        for (int row = 0; found.size() < max; row += BATCH) {
            List<Object[]> rows = em.createQuery("select a.user.id, a.name from UserAttributeEntity a"
                            + " where a.user.realmId = :realm and " + condition + " order by a.user.id, a.name",
                            Object[].class)
                    .setParameter("realm", realm.getId())
                    .setParameter("name", name)
                    .setFirstResult(row)
                    .setMaxResults(BATCH)
                    .getResultList();
            for (Object[] each : rows) {
                List<Found> one = new ArrayList<>(1);
                add(one, (String) each[0], ((String) each[1]).substring(AccessKeyStore.KEY_ATTRIBUTE.length()));
                if (one.isEmpty()) {
                    continue;
                }
                if (skipped < first) {
                    skipped++;
                } else if (found.size() < max) {
                    found.add(one.get(0));
                }
            }
            if (rows.size() < BATCH) {
                return;
            }
        }
    }

    /**
     * Keycloak's JPA entity manager (JpaConnectionProvider#getEntityManager, whose module is not published
     * for compiling against), or null without a JPA store.
     */
    private EntityManager entityManager() {
        try {
            Class<? extends org.keycloak.provider.Provider> type = Class.forName(
                    "org.keycloak.connections.jpa.JpaConnectionProvider").asSubclass(org.keycloak.provider.Provider.class);
            Object provider = session.getProvider(type);
            return provider == null ? null : (EntityManager) type.getMethod("getEntityManager").invoke(provider);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
    }

    /** Adds the user's key when the user exists, the admin may view them and the key is theirs. */
    private void add(List<Found> found, String userId, String keyId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null || user.getServiceAccountClientLink() != null || !auth.users().canView(user)) {
            return;
        }
        AccessKeyRepresentation key = new AccessKeyStore(realm).one(user, keyId);
        if (key != null) {
            found.add(new Found(user.getId(), user.getUsername(), key));
        }
    }
}
