import { useRealm, ViewHeader } from "@keycloak/keycloak-admin-ui";
import { PageSection, Tab, Tabs, TabTitleText } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";

import { AccessKeysTab } from "./AccessKeysTab";
import { AppTokensTab } from "./AppTokensTab";
import { SettingsTab } from "./SettingsTab";

export const TABS = ["keys", "app-tokens", "settings"] as const;
export type LegacyAuthTab = (typeof TABS)[number];

export const toLegacyAuth = (realm: string, tab: LegacyAuthTab) => `/${encodeURIComponent(realm)}/legacy-auth/${tab}`;

/** "Legacy API": the realm's access keys (find one, revoke it), application tokens, and settings. */
export const LegacyAuthPage = () => {
  const { t } = useTranslation();
  const { realm } = useRealm();
  const navigate = useNavigate();
  const { tab } = useParams<{ tab: LegacyAuthTab }>();
  const active: LegacyAuthTab = TABS.includes(tab as LegacyAuthTab) ? (tab as LegacyAuthTab) : "keys";

  return (
    <>
      <ViewHeader titleKey="legacyAuthTitle" subKey="legacyAuthDescription" divider={false} />
      <PageSection variant="light" className="pf-v5-u-p-0">
        <Tabs
          activeKey={active}
          onSelect={(_event, key) => navigate(toLegacyAuth(realm, key as LegacyAuthTab))}
          mountOnEnter
          unmountOnExit
          inset={{ default: "insetMd" }}
          aria-label={t("legacyAuthTitle")}
        >
          <Tab eventKey="keys" data-testid="legacy-auth-tab-keys" title={<TabTitleText>{t("legacyAuthAccessKeys")}</TabTitleText>}>
            <PageSection variant="light"><AccessKeysTab realm={realm} /></PageSection>
          </Tab>
          <Tab eventKey="app-tokens" data-testid="legacy-auth-tab-app-tokens"
            title={<TabTitleText>{t("legacyAuthAppTokens")}</TabTitleText>}>
            <PageSection variant="light"><AppTokensTab realm={realm} /></PageSection>
          </Tab>
          <Tab eventKey="settings" data-testid="legacy-auth-tab-settings"
            title={<TabTitleText>{t("legacyAuthSettings")}</TabTitleText>}>
            <PageSection variant="light"><SettingsTab realm={realm} /></PageSection>
          </Tab>
        </Tabs>
      </PageSection>
    </>
  );
};
