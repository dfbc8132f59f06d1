import {
  Page,
  useAccountAlerts,
  useEnvironment,
  usePromise,
  type AccountEnvironment,
} from "@keycloak/keycloak-account-ui";
import {
  ActionList,
  ActionListItem,
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

import "./access-keys.css";
import { keyOptions, listKeys, regenerateKey, revokeKey, type AccessKey, type KeyOptions } from "./api";
import { CreateKeyModal } from "./CreateKeyModal";
import { NewKeyModal } from "./NewKeyModal";
import { ConfirmKeyModal } from "./ConfirmKeyModal";

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
  const [regenerating, setRegenerating] = useState<AccessKey>();

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
  // an expired key holds no place under the limit
  const active = keys?.filter((key) => key.state !== "expired").length ?? 0;

  return (
    <Page title={t("apiAccessKeys")} description={t("apiAccessKeysDescription")}>
      {options && !options.enabled && (
        <Alert variant="info" isInline title={t("apiAccessKeysDisabled")} data-testid="access-keys-disabled" />
      )}
      {options && options.enabled && !options.api_access && (
        <Alert variant="warning" isInline title={t("apiAccessKeysNoApiAccess")} data-testid="access-keys-no-api-access">
          {t("apiAccessKeysNoApiAccessDetail")}
        </Alert>
      )}
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <Button
              data-testid="create-access-key"
              onClick={() => setCreating(true)}
              isDisabled={!options?.enabled || active >= (options?.max_per_user ?? 0)}
            >
              {t("apiAccessKeyCreate")}
            </Button>
          </ToolbarItem>
          {options && keys && (
            <ToolbarItem alignSelf="center">
              <Text component="small">
                {t("apiAccessKeyLimit", { count: active, max: options.max_per_user })}
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
        <>
        {options && options.expired_retention_days >= 0 && keys.some((key) => key.state === "expired") && (
          <Text component="small" data-testid="access-keys-retention">
            {t("apiAccessKeyRetention", { days: options.expired_retention_days })}
          </Text>
        )}
        <Table aria-label={t("apiAccessKeys")} variant="compact" data-testid="access-keys">
          <Thead>
            <Tr>
              <Th>{t("apiAccessKeyDescriptionLabel")}</Th>
              <Th>{t("apiAccessKeyState")}</Th>
              <Th>{t("apiAccessKeyCreated")}</Th>
              <Th>{t("apiAccessKeyExpires")}</Th>
              <Th>{t("apiAccessKeyLastUsed")}</Th>
              <Th>{t("apiAccessKeyScopesLabel")}</Th>
              <Th screenReaderText={t("apiAccessKeyActions")} />
            </Tr>
          </Thead>
          <Tbody>
            {keys.map((key) => (
              <Tr key={key.id} data-testid="access-key-row" data-key-id={key.id} data-state={key.state}
                className={key.state === "expired" ? "legacy-auth-expired-key" : undefined}>
                <Td dataLabel={t("apiAccessKeyDescriptionLabel")}>
                  {key.description || <i>{t("apiAccessKeyUntitled")}</i>}
                  {key.format && (
                    <Label isCompact className="pf-v5-u-ml-sm" data-testid="access-key-imported">
                      {t("apiAccessKeyImported")}
                    </Label>
                  )}
                </Td>
                <Td dataLabel={t("apiAccessKeyState")}>
                  {key.state === "expired" ? (
                    <Label color="grey" isCompact data-testid="access-key-state">
                      {t("apiAccessKeyExpired")}
                    </Label>
                  ) : (
                    <Label color="green" isCompact data-testid="access-key-state">
                      {t("apiAccessKeyActive")}
                    </Label>
                  )}
                </Td>
                <Td dataLabel={t("apiAccessKeyCreated")}>{formatInstant(key.created_at, locale)}</Td>
                <Td dataLabel={t("apiAccessKeyExpires")}>
                  {key.expires_at ? formatInstant(key.expires_at, locale) : t("apiAccessKeyNever")}
                </Td>
                <Td dataLabel={t("apiAccessKeyLastUsed")}>
                  {key.last_used_at ? formatInstant(key.last_used_at, locale) : t("apiAccessKeyNotYet")}
                  {key.last_used_ip && (
                    <div className="pf-v5-u-font-size-sm pf-v5-u-color-200" data-testid="access-key-last-used-ip">
                      {t("apiAccessKeyLastUsedFrom", { address: key.last_used_ip })}
                    </div>
                  )}
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
                  <ActionList isIconList={false}>
                    {!key.format && (
                      <ActionListItem>
                        <Button variant="secondary" data-testid="regenerate-access-key"
                          aria-label={t("apiAccessKeyRegenerateLabel", { description: key.description })}
                          isDisabled={!options?.enabled} onClick={() => setRegenerating(key)}>
                          {t("apiAccessKeyRegenerate")}
                        </Button>
                      </ActionListItem>
                    )}
                    <ActionListItem>
                      <Button variant="secondary" isDanger data-testid="revoke-access-key"
                        aria-label={t("apiAccessKeyRevokeLabel", { description: key.description })}
                        onClick={() => setRevoking(key)}>
                        {t("apiAccessKeyRevoke")}
                      </Button>
                    </ActionListItem>
                  </ActionList>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
        </>
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
      {regenerating && (
        <ConfirmKeyModal
          accessKey={regenerating}
          messages={{ title: "apiAccessKeyRegenerateTitle", confirm: "apiAccessKeyRegenerateConfirm",
            button: "apiAccessKeyRegenerate", error: "apiAccessKeyRegenerateError" }}
          testId="confirm-regenerate"
          onClose={() => setRegenerating(undefined)}
          action={async () => {
            const key = await regenerateKey(context, regenerating.id);
            setRegenerating(undefined);
            setCreated(key);
            refresh();
          }}
        />
      )}
      {revoking && (
        <ConfirmKeyModal
          accessKey={revoking}
          messages={{ title: "apiAccessKeyRevokeTitle", confirm: "apiAccessKeyRevokeConfirm",
            button: "apiAccessKeyRevoke", error: "apiAccessKeyRevokeError" }}
          danger
          testId="confirm-revoke"
          onClose={() => setRevoking(undefined)}
          action={async () => {
            await revokeKey(context, revoking.id);
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
