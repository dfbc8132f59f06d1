package io.github.legacyauth.core;

import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ui.extend.UiPageProvider;

import io.github.legacyauth.admin.SettingsPageFactory;

/**
 * The realm's legacy-auth settings, read from the realm component that the admin console's "Legacy API
 * authentication" page edits. The component lives in Keycloak's realm cache, so reading it costs no
 * database query, every node sees a change at once, and nothing needs a restart.
 * A realm without the component has every scheme switched off.
 */
public final class RealmSettings {

    /** Realm role (or {@code clientId.role}) a user must hold to use any legacy scheme; empty = no gate. */
    public static final String API_ACCESS_ROLE = "apiAccessRole";

    private static final RealmSettings NONE = new RealmSettings(new MultivaluedHashMap<>());

    private final MultivaluedHashMap<String, String> config;

    private RealmSettings(MultivaluedHashMap<String, String> config) {
        this.config = config;
    }

    public static RealmSettings of(RealmModel realm) {
        return component(realm).map(ComponentModel::getConfig).map(RealmSettings::new).orElse(NONE);
    }

    /** The realm's settings component, when it has one. */
    public static java.util.Optional<ComponentModel> component(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), UiPageProvider.class.getName())
                .filter(component -> SettingsPageFactory.PROVIDER_ID.equals(component.getProviderId()))
                .findFirst();
    }

    /** Settings from a plain map, as the settings page validates them before they are saved. */
    public static RealmSettings of(MultivaluedHashMap<String, String> config) {
        return new RealmSettings(config == null ? new MultivaluedHashMap<>() : config);
    }

    /** These settings with some values replaced, e.g. by an authenticator's config; blank values do not replace. */
    public RealmSettings overriddenBy(java.util.Map<String, String> overrides) {
        if (overrides == null || overrides.isEmpty()) {
            return this;
        }
        MultivaluedHashMap<String, String> merged = new MultivaluedHashMap<>(config);
        overrides.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                merged.putSingle(key, value);
            }
        });
        return new RealmSettings(merged);
    }

    public boolean isOn(String key) {
        return Boolean.parseBoolean(value(key));
    }

    /** The trimmed value of a setting, or the default when it is unset or blank. */
    public String get(String key, String defaultValue) {
        String value = value(key);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    /**
     * A whole-number setting, or the default when unset. A value that is no number (possible only by
     * bypassing the page's validation, e.g. in a realm import) also gives the default.
     */
    public int number(String key, int defaultValue) {
        try {
            return Integer.parseInt(get(key, String.valueOf(defaultValue)));
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    /**
     * A setting of several values, as the console's multivalued fields save them; a value holding commas
     * (as a realm import may write it) counts as several. Blank entries are dropped.
     */
    public java.util.List<String> list(String key) {
        java.util.List<String> values = config.get(key);
        if (values == null) {
            return java.util.List.of();
        }
        return values.stream()
                .filter(java.util.Objects::nonNull)
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .distinct()
                .toList();
    }

    public String apiAccessRole() {
        return get(API_ACCESS_ROLE, null);
    }

    private String value(String key) {
        return config.getFirst(key);
    }
}
