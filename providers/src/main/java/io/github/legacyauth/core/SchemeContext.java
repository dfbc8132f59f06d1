package io.github.legacyauth.core;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Everything a scheme needs for one request. {@code countsFailures} is true where no authentication flow
 * runs around the scheme (the forward-auth and issuing endpoints): there the scheme reports failed and
 * successful password checks to Keycloak's brute-force protector itself. Inside a flow, the flow does.
 */
public record SchemeContext(KeycloakSession session, RealmModel realm, RealmSettings settings,
                            LegacyRequest request, EventBuilder event, boolean countsFailures) {
}
