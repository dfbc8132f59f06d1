import {
  routes,
  useAccess,
  useEnvironment,
  useRealm,
  useServerInfo,
  type AdminEnvironment,
} from "@keycloak/keycloak-admin-ui";
import { Label, Nav, NavGroup, PageSidebar, PageSidebarBody } from "@patternfly/react-core";
import { type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, useNavigate } from "react-router-dom";

import { toLegacyAuth, type LegacyAuthTab } from "./LegacyAuthPage";

const PAGE_PROVIDER = "org.keycloak.services.ui.extend.UiPageProvider";

/** A link of the stock navigation, shown when the admin may open the page it leads to. */
const LeftNav = ({ title, path, id }: { title: string; path: string; id?: string }) => {
  const { t } = useTranslation();
  const { hasAccess } = useAccess();
  const { realm } = useRealm();
  const route = routes.find(
    (candidate) => candidate.path.replace(/\/:.+?(\?|(?:(?!\/).)*|$)/g, "") === (id || path),
  );
  const allowed = route && (Array.isArray(route.handle.access)
    ? hasAccess(...route.handle.access) : hasAccess(route.handle.access));
  if (!allowed) {
    return null;
  }
  const name = "nav-item" + path.replace("/", "-");
  return (
    <li>
      <NavLink id={name} data-testid={name} to={`/${encodeURIComponent(realm)}${path}`}
        className={({ isActive }) => `pf-v5-c-nav__link${isActive ? " pf-m-current" : ""}`}>
        {t(title)}
      </NavLink>
    </li>
  );
};

/** A link of this extension's page. */
const LegacyNav = ({ title, tab }: { title: string; tab: LegacyAuthTab }) => {
  const { t } = useTranslation();
  const { realm } = useRealm();
  return (
    <li>
      <NavLink id={`nav-item-legacy-auth-${tab}`} data-testid={`nav-item-legacy-auth-${tab}`} to={toLegacyAuth(realm, tab)}
        className={({ isActive }) => `pf-v5-c-nav__link${isActive ? " pf-m-current" : ""}`}>
        {t(title)}
      </NavLink>
    </li>
  );
};

/**
 * Keycloak's navigation, as the stock console draws it, with one more group: "Legacy API" (the realm's
 * access keys, application tokens and settings).
 */
export const PageNav = () => {
  const { t } = useTranslation();
  const { environment } = useEnvironment<AdminEnvironment>();
  const { hasSomeAccess } = useAccess();
  const { componentTypes, features } = useServerInfo();
  const navigate = useNavigate();
  const { realm, realmRepresentation } = useRealm();
  const enabled = (name: string) => !!features?.some((feature) => feature.name === name && feature.enabled);
  const pages = componentTypes?.[PAGE_PROVIDER];

  const showManage = hasSomeAccess("view-realm", "query-groups", "query-users", "query-clients",
    "query-organizations", "view-events");
  const showConfigure = hasSomeAccess("view-realm", "query-clients", "view-identity-providers");
  const showLegacy = hasSomeAccess("query-users", "view-realm", "view-clients");

  return (
    <PageSidebar className="keycloak__page_nav__nav">
      <PageSidebarBody>
        <Nav onSelect={(_event, item) => {
          const selected = item as unknown as { to: string; event: FormEvent<HTMLInputElement> };
          void navigate(selected.to);
          selected.event.preventDefault();
        }}>
          <h2 className="pf-v5-c-nav__section-title" style={{ wordWrap: "break-word" }}>
            <span data-testid="currentRealm">{realmRepresentation?.displayName || realm}</span>{" "}
            <Label color="blue">{t("currentRealm")}</Label>
          </h2>
          {environment.masterRealm === environment.realm && (
            <NavGroup>
              <LeftNav title={t("manageRealms")} path="/realms" />
            </NavGroup>
          )}
          {showManage && (
            <NavGroup aria-label={t("manage")} title={t("manage")}>
              {enabled("ORGANIZATION") && realmRepresentation?.organizationsEnabled && (
                <LeftNav title="organizations" path="/organizations" />
              )}
              <LeftNav title="clients" path="/clients" />
              <LeftNav title="clientScopes" path="/client-scopes" />
              <LeftNav title="realmRoles" path="/roles" />
              <LeftNav title="users" path="/users" />
              <LeftNav title="groups" path="/groups" />
              <LeftNav title="sessions" path="/sessions" />
              <LeftNav title="events" path="/events" />
            </NavGroup>
          )}
          {showConfigure && (
            <NavGroup aria-label={t("configure")} title={t("configure")}>
              <LeftNav title="realmSettings" path="/realm-settings" />
              <LeftNav title="authentication" path="/authentication" />
              {enabled("ADMIN_FINE_GRAINED_AUTHZ_V2") && realmRepresentation?.adminPermissionsEnabled && (
                <LeftNav title="permissions" path="/permissions" />
              )}
              <LeftNav title="identityProviders" path="/identity-providers" />
              <LeftNav title="userFederation" path="/user-federation" />
              {hasSomeAccess("realm-admin", "admin") && enabled("WORKFLOWS") && (
                <LeftNav title="workflows" path="/workflows" />
              )}
              {enabled("DECLARATIVE_UI") && pages?.map((page) => (
                <LeftNav key={page.id} title={page.id} path={`/page-section/${page.id}`} id="/page-section" />
              ))}
            </NavGroup>
          )}
          {showLegacy && (
            <NavGroup aria-label={t("legacyAuthNav")} title={t("legacyAuthNav")}>
              <LegacyNav title="legacyAuthAccessKeys" tab="keys" />
              <LegacyNav title="legacyAuthAppTokens" tab="app-tokens" />
              <LegacyNav title="legacyAuthSettings" tab="settings" />
            </NavGroup>
          )}
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
};
