package io.github.legacyauth.admin;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.ui.extend.UiPageProvider;

import io.github.legacyauth.core.Challenge;
import io.github.legacyauth.core.JsonBody;
import io.github.legacyauth.core.RealmSettings;
import io.github.legacyauth.core.RecordSeal;
import io.github.legacyauth.core.SettingRefused;
import io.github.legacyauth.core.Unavailable;

/**
 * {@code /admin/realms/{realm}/legacy-auth/settings}: the realm's one settings object, for the
 * extension's settings page (and scripts), with or without Keycloak's experimental {@code declarative-ui}
 * feature. {@code GET} (view-realm) gives the values and the form: the settings grouped by scheme, each
 * group led by the switch that turns it on. {@code PUT} (manage-realm) saves them with the same validation
 * as the console's component page; a refusal names the setting at fault ({@code "field"}). The record seal
 * secret is never shown, never taken from a request and kept across saves.
 */
public final class SettingsResource {

    /** Admin events of a save: this resource type, operation UPDATE (or CREATE for the first save). */
    public static final String RESOURCE_TYPE = "LEGACY_AUTH_SETTINGS";

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public SettingsResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                            AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(RESOURCE_TYPE);
    }

    /** The settings page: values by setting, and the groups of fields. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page(@JsonProperty("settings") Map<String, Object> settings,
                       @JsonProperty("groups") List<Group> groups) {
    }

    /** A scheme's fields; {@code toggle} names the switch that turns them on (null: always on). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Group(@JsonProperty("label") String label, @JsonProperty("toggle") String toggle,
                        @JsonProperty("fields") List<Field> fields) {
    }

    /** One setting as the form shows it; {@code type} is Keycloak's config-property type. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Field(@JsonProperty("name") String name, @JsonProperty("label") String label,
                        @JsonProperty("help") String help, @JsonProperty("type") String type,
                        @JsonProperty("default") String defaultValue) {
    }

    @GET
    public Response get() {
        return Unavailable.guard(session, () -> {
            auth.realm().requireViewRealm();
            return Response.ok(page(RealmSettings.component(realm).map(ComponentModel::getConfig).orElse(null)),
                    MediaType.APPLICATION_JSON_TYPE).cacheControl(NO_STORE).build();
        });
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(InputStream body) {
        return Unavailable.guard(session, () -> {
            auth.realm().requireManageRealm();
            JsonNode request;
            try {
                request = JsonBody.read(body, JsonNode.class);
            } catch (JsonBody.Refused refused) {
                return refused.response();
            }
            JsonNode values = request == null ? null : request.get("settings");
            if (values == null || !values.isObject()) {
                return refusal(null, "A JSON body {\"settings\": {name: value}} is expected");
            }
            Map<String, Field> fields = new LinkedHashMap<>();
            groups().forEach(group -> group.fields().forEach(field -> fields.put(field.name(), field)));
            ComponentModel stored = RealmSettings.component(realm).orElse(null);
            MultivaluedHashMap<String, String> config = stored == null ? new MultivaluedHashMap<>()
                    : new MultivaluedHashMap<>(stored.getConfig());
            var names = values.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                Field field = fields.get(name);
                if (field == null) {
                    return refusal(name, "'" + name + "' is not a setting of this page");
                }
                JsonNode value = values.get(name);
                List<String> list = new ArrayList<>();
                if (value.isArray()) {
                    for (JsonNode item : value) {
                        if (!item.isValueNode() || item.isNull()) {
                            return refusal(name, "'" + field.label() + "' takes text values");
                        }
                        list.add(item.asText());
                    }
                } else if (value.isValueNode() && !value.isNull()) {
                    list.add(value.asText());
                } else if (!value.isNull()) {
                    return refusal(name, "'" + field.label() + "' takes a text, number or true/false value");
                }
                if (list.stream().anyMatch(item -> item.length() > 2048)) {
                    return refusal(name, "'" + field.label() + "' is too long");
                }
                list.removeIf(String::isBlank);
                if (list.isEmpty()) {
                    config.remove(name);
                } else {
                    config.put(name, list);
                }
            }
            config.remove(RecordSeal.KEY_SETTING); // never from a request: carried forward (or generated) by validation
            ComponentModel model = stored == null ? new ComponentModel() : new ComponentModel(stored);
            if (stored == null) {
                model.setName(SettingsPageFactory.DEFAULT_DISPLAY_NAME);
                model.setProviderType(UiPageProvider.class.getName());
                model.setProviderId(SettingsPageFactory.PROVIDER_ID);
                model.setParentId(realm.getId());
            }
            model.setConfig(config);
            try {
                if (stored == null) {
                    model = realm.addComponentModel(model);
                } else {
                    realm.updateComponent(model);
                }
            } catch (SettingRefused refused) {
                return refusal(refused.setting(), refused.getMessage());
            } catch (ComponentValidationException refused) {
                return refusal(null, refused.getMessage());
            }
            Page saved = page(model.getConfig());
            adminEvent.operation(stored == null ? OperationType.CREATE : OperationType.UPDATE)
                    .resourcePath("legacy-auth", "settings")
                    .representation(saved.settings())
                    .success();
            return Response.ok(saved, MediaType.APPLICATION_JSON_TYPE).cacheControl(NO_STORE).build();
        });
    }

    private Page page(MultivaluedHashMap<String, String> config) {
        List<Group> groups = groups();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Group group : groups) {
            for (Field field : group.fields()) {
                List<String> stored = config == null ? null : config.get(field.name());
                if (ProviderConfigProperty.MULTIVALUED_STRING_TYPE.equals(field.type())) {
                    values.put(field.name(), RealmSettings.of(config).list(field.name()));
                } else {
                    values.put(field.name(), stored == null || stored.isEmpty() ? null : stored.get(0));
                }
            }
        }
        return new Page(values, groups);
    }

    /**
     * The page's fields in the order of the console's component page, cut into groups at each switch
     * ({@code …Enabled}); the name of the settings item and the seal secret are not fields here.
     */
    private List<Group> groups() {
        SettingsPageFactory factory = (SettingsPageFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(UiPageProvider.class, SettingsPageFactory.PROVIDER_ID);
        List<Group> groups = new ArrayList<>();
        String label = "Who may use the legacy schemes";
        String toggle = null;
        List<Field> fields = new ArrayList<>();
        for (ProviderConfigProperty property : factory.getConfigProperties()) {
            String name = property.getName();
            if (SettingsPageFactory.DISPLAY_NAME.equals(name) || RecordSeal.KEY_SETTING.equals(name)) {
                continue;
            }
            if (ProviderConfigProperty.BOOLEAN_TYPE.equals(property.getType()) && name.endsWith("Enabled")) {
                if (!fields.isEmpty() || toggle != null) {
                    groups.add(new Group(label, toggle, fields));
                }
                label = property.getLabel();
                toggle = name;
                fields = new ArrayList<>();
            }
            fields.add(new Field(name, property.getLabel(), property.getHelpText(), property.getType(),
                    property.getDefaultValue() == null ? null : String.valueOf(property.getDefaultValue())));
        }
        groups.add(new Group(label, toggle, fields));
        return groups;
    }

    private static Response refusal(String field, String message) {
        return Challenge.settingRefused(field, message);
    }
}
