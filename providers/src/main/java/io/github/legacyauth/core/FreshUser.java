package io.github.legacyauth.core;

import java.util.function.BiFunction;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** A user as the database holds it now, past Keycloak's user cache. */
public final class FreshUser {

    private static final Logger LOG = Logger.getLogger(FreshUser.class);

    private FreshUser() {
    }

    /**
     * Evicts the user from Keycloak's user cache in this session's transaction, so the next lookup reads
     * the database; false when there is no cache or it cannot be reached. (UserCache's module is not
     * published for compiling against, so it is called by name.)
     */
    public static boolean evict(KeycloakSession session, RealmModel realm, UserModel user) {
        try {
            Class<? extends org.keycloak.provider.Provider> type = Class.forName("org.keycloak.models.cache.UserCache")
                    .asSubclass(org.keycloak.provider.Provider.class);
            Object cache = session.getProvider(type);
            if (cache == null) {
                return false;
            }
            type.getMethod("evict", RealmModel.class, UserModel.class).invoke(cache, realm, user);
            return true;
        } catch (ReflectiveOperationException | ClassCastException e) {
            LOG.warnf("Cannot read user %s afresh (%s)", user.getId(), e.toString());
            return false;
        }
    }

    /**
     * Reads the user in a transaction of its own, evicted from the user cache first: one consistent read
     * of what the database holds now, apart from what this request has already loaded (a load that met
     * another node's commit half-way can see, say, a user's new record generation beside its old
     * records). {@code read} gets the new session and the user (null when gone); its result must not
     * hold on to either.
     */
    public static <T> T read(KeycloakSession session, RealmModel realm, String userId,
                             BiFunction<KeycloakSession, UserModel, T> read) {
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), inner -> {
            RealmModel innerRealm = inner.realms().getRealm(realm.getId());
            inner.getContext().setRealm(innerRealm);
            UserModel user = inner.users().getUserById(innerRealm, userId);
            if (user != null && evict(inner, innerRealm, user)) {
                user = inner.users().getUserById(innerRealm, userId);
            }
            return read.apply(inner, user);
        });
    }
}
