import {
  Page,
  useAccountAlerts,
  useEnvironment,
  usePromise,
  type AccountEnvironment,
} from "@keycloak/keycloak-account-ui";
import {
  Alert,
  AlertVariant,
  Button,
  EmptyState,
  EmptyStateBody,
  EmptyStateHeader,
  Label,
  LabelGroup,
  Spinner,
  Text,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { RouteObject } from "react-router-dom";

import { listKeys, keyOptions, type AccessKey, type KeyOptions } from "./api";
import { CreateKeyModal } from "./CreateKeyModal";
import { NewKeyModal } from "./NewKeyModal";
import { RevokeKeyModal } from "./RevokeKeyModal";

/** The page's path below the account console, as content.json names it. */
export const ACCESS_KEYS_PATH = "api-access-keys";

/** A date and time in the user's language. */
export function formatInstant(instant: string, locale: string): string {
  return new Date(instant).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
}

/** API access keys of the signed-in user: list, create (shown once), revoke. */
export const AccessKeys = () => {
  const { t } = useTranslation();
  const context = useEnvironment<AccountEnvironment>();
  const { addAlert } = useAccountAlerts();
  const locale = context.environment.locale;

  const [keys, setKeys] = useState<AccessKey[]>();
  const [options, setOptions] = useState<KeyOptions>();
  const [reload, setReload] = useState(0);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<AccessKey>();
  const [revoking, setRevoking] = useState<AccessKey>();

  usePromise(
    async (signal) => {
      try {
        return await Promise.all([listKeys(context, signal), keyOptions(context, signal)]);
      } catch (error) {
        if (error instanceof Error && error.name !== "AbortError") {
          addAlert(t("apiAccessKeyLoadError", { error: error.message }), AlertVariant.danger);
          const nothing: [AccessKey[], KeyOptions | undefined] = [[], undefined];
          return nothing;
        }
        throw error;
      }
    },
    ([loaded, offered]) => {
      setKeys(loaded);
      setOptions(offered);
    },
    [reload],
  );

  const refresh = () => setReload((n) => n + 1);

  return (
    <Page title={t("apiAccessKeys")} description={t("apiAccessKeysDescription")}>
      {options && !options.enabled && (
        <Alert variant="info" isInline title={t("apiAccessKeysDisabled")} data-testid="access-keys-disabled" />
      )}
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <Button
              data-testid="create-access-key"
              onClick={() => setCreating(true)}
              isDisabled={!options?.enabled || (keys?.length ?? 0) >= (options?.max_per_user ?? 0)}
            >
              {t("apiAccessKeyCreate")}
            </Button>
          </ToolbarItem>
          {options && keys && (
            <ToolbarItem alignSelf="center">
              <Text component="small">
                {t("apiAccessKeyLimit", { count: keys.length, max: options.max_per_user })}
              </Text>
            </ToolbarItem>
          )}
        </ToolbarContent>
      </Toolbar>
      {!keys ? (
        <Spinner />
      ) : keys.length === 0 ? (
        <EmptyState variant="sm" data-testid="access-keys-empty">
          <EmptyStateHeader titleText={t("apiAccessKeyEmpty")} headingLevel="h2" />
          <EmptyStateBody>{t("apiAccessKeyEmptyInstructions")}</EmptyStateBody>
        </EmptyState>
      ) : (
        <Table aria-label={t("apiAccessKeys")} variant="compact" data-testid="access-keys">
          <Thead>
            <Tr>
              <Th>{t("apiAccessKeyDescriptionLabel")}</Th>
              <Th>{t("apiAccessKeyCreated")}</Th>
              <Th>{t("apiAccessKeyExpires")}</Th>
              <Th>{t("apiAccessKeyLastUsed")}</Th>
              <Th>{t("apiAccessKeyScopesLabel")}</Th>
              <Th screenReaderText={t("apiAccessKeyRevoke")} />
            </Tr>
          </Thead>
          <Tbody>
            {keys.map((key) => (
              <Tr key={key.id} data-testid="access-key-row" data-key-id={key.id}>
                <Td dataLabel={t("apiAccessKeyDescriptionLabel")}>
                  {key.description || <i>{t("apiAccessKeyUntitled")}</i>}
                </Td>
                <Td dataLabel={t("apiAccessKeyCreated")}>{formatInstant(key.created_at, locale)}</Td>
                <Td dataLabel={t("apiAccessKeyExpires")}>
                  {key.expires_at ? formatInstant(key.expires_at, locale) : t("apiAccessKeyNever")}
                </Td>
                <Td dataLabel={t("apiAccessKeyLastUsed")}>
                  {key.last_used_at ? formatInstant(key.last_used_at, locale) : t("apiAccessKeyNotYet")}
                </Td>
                <Td dataLabel={t("apiAccessKeyScopesLabel")}>
                  {key.scopes.length === 0 ? (
                    t("apiAccessKeyNoScopes")
                  ) : (
                    <LabelGroup>
                      {key.scopes.map((scope) => (
                        <Label key={scope} isCompact>
                          {scope}
                        </Label>
                      ))}
                    </LabelGroup>
                  )}
                </Td>
                <Td isActionCell>
                  <Button variant="secondary" isDanger data-testid="revoke-access-key" onClick={() => setRevoking(key)}>
                    {t("apiAccessKeyRevoke")}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {creating && options && (
        <CreateKeyModal
          options={options}
          onClose={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            setCreated(key);
            refresh();
          }}
        />
      )}
      {created?.key && <NewKeyModal accessKey={created} onClose={() => setCreated(undefined)} />}
      {revoking && (
        <RevokeKeyModal
          accessKey={revoking}
          onClose={() => setRevoking(undefined)}
          onRevoked={() => {
            setRevoking(undefined);
            addAlert(t("apiAccessKeyRevoked"), AlertVariant.success);
            refresh();
          }}
        />
      )}
    </Page>
  );
};

export const AccessKeysRoute: RouteObject = {
  path: ACCESS_KEYS_PATH,
  element: <AccessKeys />,
};
