package io.github.legacyauth.basic;

import io.github.legacyauth.core.RealmSettings;

/**
 * Kanboard's "application API": a fixed username (default {@code jsonrpc}) with an application token
 * as password stands for the service account of one client.
 */
record AppApiSettings(boolean enabled, String username, String clientId) {

    static final String ENABLED = "appApiEnabled";
    static final String USERNAME = "appApiUsername";
    static final String CLIENT = "appApiClient";
    static final String DEFAULT_USERNAME = "jsonrpc";

    static AppApiSettings of(RealmSettings settings) {
        return new AppApiSettings(settings.isOn(ENABLED), settings.get(USERNAME, DEFAULT_USERNAME),
                settings.get(CLIENT, null));
    }

    /**
     * Whether a Basic username is the application API's, compared as Keycloak compares usernames (without
     * regard to case): while the application API is on, no user - {@code JSONRPC} included - signs in with
     * a password under that name.
     */
    boolean claims(String presentedUsername) {
        return enabled && presentedUsername != null && username.equalsIgnoreCase(presentedUsername.trim());
    }
}
