package io.github.legacyauth.core;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Set;

import org.keycloak.common.ClientConnection;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;

import jakarta.ws.rs.core.UriInfo;

/**
 * Keycloak's brute-force protector across the versions the extension supports: from 26.7 its
 * {@code failedLogin} and {@code successfulLogin} take the categories of the credential (here
 * {@code password}); before, they take none. Which one the running server has is looked up once.
 */
final class BruteForceCalls {

    private static final Set<String> PASSWORD_CATEGORY = Set.of(PasswordCredentialModel.TYPE);
    private static final MethodHandle FAILED = find("failedLogin");
    private static final MethodHandle SUCCEEDED = find("successfulLogin");

    private BruteForceCalls() {
    }

    static void failedLogin(BruteForceProtector protector, RealmModel realm, UserModel user, ClientConnection connection,
                            UriInfo uri) {
        invoke(FAILED, protector, realm, user, connection, uri);
    }

    static void successfulLogin(BruteForceProtector protector, RealmModel realm, UserModel user,
                                ClientConnection connection, UriInfo uri) {
        invoke(SUCCEEDED, protector, realm, user, connection, uri);
    }

    private static void invoke(MethodHandle method, BruteForceProtector protector, RealmModel realm, UserModel user,
                               ClientConnection connection, UriInfo uri) {
        try {
            // the receiver, four arguments, and the categories where this method takes them
            if (method.type().parameterCount() == 6) {
                method.invoke(protector, realm, user, connection, uri, PASSWORD_CATEGORY);
            } else {
                method.invoke(protector, realm, user, connection, uri);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle find(String name) {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodType without = MethodType.methodType(void.class, RealmModel.class, UserModel.class, ClientConnection.class,
                UriInfo.class);
        try {
            return lookup.findVirtual(BruteForceProtector.class, name, without.appendParameterTypes(Set.class));
        } catch (NoSuchMethodException e) {
            try {
                return lookup.findVirtual(BruteForceProtector.class, name, without);
            } catch (NoSuchMethodException | IllegalAccessException missing) {
                throw new IllegalStateException("This Keycloak's BruteForceProtector has no " + name, missing);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
