import {
  ActionList,
  ActionListItem,
  Alert,
  Button,
  ClipboardCopy,
  Label,
  LabelGroup,
  Modal,
  ModalVariant,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { describeError, formatInstant, useLegacyAuthApi, type AccessKey } from "./api";

/** A key and, in the realm-wide list, its owner. */
export type KeyRow = { key: AccessKey; userId: string; username?: string };

type Props = {
  realm: string;
  rows: KeyRow[];
  /** Show the owner column (the realm-wide list). */
  showOwner?: boolean;
  onChanged: () => void;
  ariaLabel: string;
};

/** Keys with their state and last use, and Regenerate / Revoke after a confirmation. */
export const KeyTable = ({ realm, rows, showOwner, onChanged, ariaLabel }: Props) => {
  const { t, i18n } = useTranslation();
  const api = useLegacyAuthApi(realm);
  const [confirming, setConfirming] = useState<{ row: KeyRow; action: "revoke" | "regenerate" }>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<AccessKey>();
  const locale = i18n.language;

  const act = async () => {
    if (!confirming) return;
    const { row, action } = confirming;
    const path = `users/${encodeURIComponent(row.userId)}/access-keys/${encodeURIComponent(row.key.id)}`;
    setBusy(true);
    try {
      if (action === "revoke") {
        await api(path, { method: "DELETE" });
      } else {
        setShown(await api<AccessKey>(`${path}/regenerate`, { method: "POST" }));
      }
      setConfirming(undefined);
      setProblem(undefined);
      onChanged();
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Table aria-label={ariaLabel} variant="compact" data-testid="legacy-auth-keys">
        <Thead>
          <Tr>
            <Th>{t("legacyAuthKeyId")}</Th>
            {showOwner && <Th>{t("legacyAuthKeyOwner")}</Th>}
            <Th>{t("legacyAuthKeyName")}</Th>
            <Th>{t("legacyAuthKeyState")}</Th>
            <Th>{t("legacyAuthKeyCreated")}</Th>
            <Th>{t("legacyAuthKeyExpires")}</Th>
            <Th>{t("legacyAuthKeyLastUsed")}</Th>
            <Th>{t("legacyAuthKeyScopes")}</Th>
            <Th screenReaderText={t("legacyAuthActions")} />
          </Tr>
        </Thead>
        <Tbody>
          {rows.map((row) => (
            <Tr key={`${row.userId}/${row.key.id}`} data-testid="legacy-auth-key-row" data-key-id={row.key.id}
              data-state={row.key.state}>
              <Td dataLabel={t("legacyAuthKeyId")}><code>{row.key.id}</code></Td>
              {showOwner && (
                <Td dataLabel={t("legacyAuthKeyOwner")}>
                  <Link to={`/${encodeURIComponent(realm)}/users/${encodeURIComponent(row.userId)}/credentials`}>
                    {row.username}
                  </Link>
                </Td>
              )}
              <Td dataLabel={t("legacyAuthKeyName")}>
                {row.key.description || <i>{t("legacyAuthKeyUntitled")}</i>}
                {row.key.format && <Label isCompact className="pf-v5-u-ml-sm">{t("legacyAuthKeyImported")}</Label>}
              </Td>
              <Td dataLabel={t("legacyAuthKeyState")}>
                <Label isCompact color={row.key.state === "expired" ? "grey" : "green"}>
                  {t(row.key.state === "expired" ? "legacyAuthKeyExpired" : "legacyAuthKeyActive")}
                </Label>
              </Td>
              <Td dataLabel={t("legacyAuthKeyCreated")}>{formatInstant(row.key.created_at, locale, "")}</Td>
              <Td dataLabel={t("legacyAuthKeyExpires")}>
                {formatInstant(row.key.expires_at, locale, t("legacyAuthNever"))}
              </Td>
              <Td dataLabel={t("legacyAuthKeyLastUsed")}>
                {formatInstant(row.key.last_used_at, locale, t("legacyAuthNotYet"))}
                {row.key.last_used_ip && (
                  <div className="pf-v5-u-font-size-sm">{t("legacyAuthFrom", { address: row.key.last_used_ip })}</div>
                )}
              </Td>
              <Td dataLabel={t("legacyAuthKeyScopes")}>
                {row.key.scopes.length === 0 ? t("legacyAuthAllRoles") : (
                  <LabelGroup>
                    {row.key.scopes.map((scope) => <Label key={scope} isCompact>{scope}</Label>)}
                  </LabelGroup>
                )}
              </Td>
              <Td isActionCell>
                <ActionList>
                  {!row.key.format && (
                    <ActionListItem>
                      <Button variant="secondary" data-testid="legacy-auth-regenerate"
                        aria-label={t("legacyAuthRegenerateKey", { id: row.key.id })}
                        onClick={() => setConfirming({ row, action: "regenerate" })}>
                        {t("legacyAuthRegenerate")}
                      </Button>
                    </ActionListItem>
                  )}
                  <ActionListItem>
                    <Button variant="secondary" isDanger data-testid="legacy-auth-revoke"
                      aria-label={t("legacyAuthRevokeKey", { id: row.key.id })}
                      onClick={() => setConfirming({ row, action: "revoke" })}>
                      {t("legacyAuthRevoke")}
                    </Button>
                  </ActionListItem>
                </ActionList>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {confirming && (
        <Modal
          variant={ModalVariant.small}
          titleIconVariant="warning"
          title={t(confirming.action === "revoke" ? "legacyAuthRevokeTitle" : "legacyAuthRegenerateTitle")}
          isOpen
          onClose={() => setConfirming(undefined)}
          actions={[
            <Button key="confirm" variant={confirming.action === "revoke" ? "danger" : "primary"}
              data-testid="legacy-auth-confirm" isLoading={busy} isDisabled={busy} onClick={act}>
              {t(confirming.action === "revoke" ? "legacyAuthRevoke" : "legacyAuthRegenerate")}
            </Button>,
            <Button key="cancel" variant="link" onClick={() => setConfirming(undefined)}>{t("cancel")}</Button>,
          ]}
        >
          {problem && <Alert variant="danger" isInline title={problem} />}
          {t(confirming.action === "revoke" ? "legacyAuthRevokeConfirm" : "legacyAuthRegenerateConfirm", {
            id: confirming.row.key.id,
            user: confirming.row.username ?? "",
          })}
        </Modal>
      )}
      {shown?.key && <ShownOnce secret={shown.key} onClose={() => setShown(undefined)} />}
    </>
  );
};

/** A new secret, shown this once: the server keeps only its hash. */
export const ShownOnce = ({ secret, onClose }: { secret: string; onClose: () => void }) => {
  const { t } = useTranslation();
  return (
    <Modal
      variant={ModalVariant.medium}
      title={t("legacyAuthShownOnceTitle")}
      isOpen
      onClose={onClose}
      data-testid="legacy-auth-shown-once"
      actions={[
        <Button key="done" data-testid="legacy-auth-shown-once-done" onClick={onClose}>{t("close")}</Button>,
      ]}
    >
      <Alert variant="warning" isInline title={t("legacyAuthShownOnceWarning")} className="pf-v5-u-mb-md" />
      <ClipboardCopy isReadOnly data-testid="legacy-auth-secret" hoverTip={t("copy")} clickTip={t("copied")}
        textAriaLabel={t("legacyAuthShownOnceTitle")}>
        {secret}
      </ClipboardCopy>
    </Modal>
  );
};
