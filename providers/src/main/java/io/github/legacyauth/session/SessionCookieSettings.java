package io.github.legacyauth.session;

import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

import io.github.legacyauth.core.RealmSettings;

/** ZaneOps session cookies: on or off, the client their sessions belong to, the cookie's Max-Age. */
record SessionCookieSettings(boolean enabled, String clientId, int maxAgeSeconds) {

    static final String ENABLED = "sessionCookieEnabled";
    static final String CLIENT = "sessionCookieClient";
    static final String MAX_AGE = "sessionCookieMaxAgeSeconds";
    static final int DEFAULT_MAX_AGE = 14 * 24 * 60 * 60;

    static SessionCookieSettings of(RealmSettings settings) {
        return new SessionCookieSettings(settings.isOn(ENABLED), settings.get(CLIENT, null),
                settings.number(MAX_AGE, DEFAULT_MAX_AGE));
    }

    /** The client, or null when it is unset, missing or disabled. */
    ClientModel client(RealmModel realm) {
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        return client == null || !client.isEnabled() ? null : client;
    }

    static void validate(RealmModel realm, RealmSettings settings) {
        String maxAge = settings.get(MAX_AGE, String.valueOf(DEFAULT_MAX_AGE));
        try {
            if (Integer.parseInt(maxAge) < 1) {
                throw new ComponentValidationException("The session-cookie lifetime must be at least 1 second");
            }
        } catch (NumberFormatException e) {
            throw new ComponentValidationException("The session-cookie lifetime must be a whole number of seconds");
        }
        SessionCookieSettings cookie = of(settings);
        if (cookie.enabled() && (cookie.clientId() == null || realm.getClientByClientId(cookie.clientId()) == null)) {
            throw new ComponentValidationException("Session cookies need a client for their sessions");
        }
    }
}
