import {
  Alert,
  Button,
  EmptyState,
  EmptyStateBody,
  EmptyStateHeader,
  Form,
  FormGroup,
  Modal,
  ModalVariant,
  Spinner,
  TextInput,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { describeError, formatInstant, useLegacyAuthApi, type AppToken } from "./api";
import { ShownOnce } from "./KeyTable";
import { FieldError } from "./UserKeysSection";

/** The application API's tokens (Kanboard's jsonrpc user): listed, created (shown once), revoked. */
export const AppTokensTab = ({ realm }: { realm: string }) => {
  const { t, i18n } = useTranslation();
  const api = useLegacyAuthApi(realm);
  const [tokens, setTokens] = useState<AppToken[]>();
  const [problem, setProblem] = useState<string>();
  const [reload, setReload] = useState(0);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<AppToken>();
  const [revoking, setRevoking] = useState<AppToken>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api<AppToken[]>("app-tokens")
      .then((loaded) => live && (setTokens(loaded), setProblem(undefined)))
      .catch((error) => live && (setTokens([]), setProblem(describeError(error))));
    return () => {
      live = false;
    };
  }, [api, reload]);

  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    try {
      await api(`app-tokens/${encodeURIComponent(revoking.id)}`, { method: "DELETE" });
      setRevoking(undefined);
      setReload((n) => n + 1);
    } catch (error) {
      setProblem(describeError(error));
      setRevoking(undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button data-testid="legacy-auth-create-token" onClick={() => setCreating(true)} className="pf-v5-u-mb-md">
        {t("legacyAuthCreateToken")}
      </Button>
      {problem && <Alert variant="danger" isInline title={problem} data-testid="legacy-auth-tokens-error" />}
      {!tokens ? (
        <Spinner aria-label={t("legacyAuthLoading")} />
      ) : tokens.length === 0 ? (
        <EmptyState variant="sm" data-testid="legacy-auth-tokens-empty">
          <EmptyStateHeader titleText={t("legacyAuthNoTokens")} headingLevel="h2" />
          <EmptyStateBody>{t("legacyAuthNoTokensHelp")}</EmptyStateBody>
        </EmptyState>
      ) : (
        <Table aria-label={t("legacyAuthAppTokens")} variant="compact" data-testid="legacy-auth-tokens">
          <Thead>
            <Tr>
              <Th>{t("legacyAuthKeyId")}</Th>
              <Th>{t("legacyAuthKeyName")}</Th>
              <Th>{t("legacyAuthKeyCreated")}</Th>
              <Th screenReaderText={t("legacyAuthActions")} />
            </Tr>
          </Thead>
          <Tbody>
            {tokens.map((token) => (
              <Tr key={token.id} data-testid="legacy-auth-token-row" data-token-id={token.id}>
                <Td dataLabel={t("legacyAuthKeyId")}><code>{token.id}</code></Td>
                <Td dataLabel={t("legacyAuthKeyName")}>{token.description}</Td>
                <Td dataLabel={t("legacyAuthKeyCreated")}>{formatInstant(token.created_at, i18n.language, "")}</Td>
                <Td isActionCell>
                  <Button variant="secondary" isDanger data-testid="legacy-auth-revoke-token"
                    aria-label={t("legacyAuthRevokeKey", { id: token.id })} onClick={() => setRevoking(token)}>
                    {t("legacyAuthRevoke")}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {creating && (
        <CreateTokenModal onClose={() => setCreating(false)} create={async (description) => {
          const token = await api<AppToken>("app-tokens", { method: "POST", body: JSON.stringify({ description }) });
          setCreating(false);
          setCreated(token);
          setReload((n) => n + 1);
        }} />
      )}
      {created?.token && <ShownOnce secret={created.token} onClose={() => setCreated(undefined)} />}
      {revoking && (
        <Modal variant={ModalVariant.small} titleIconVariant="warning" title={t("legacyAuthRevokeTokenTitle")} isOpen
          onClose={() => setRevoking(undefined)}
          actions={[
            <Button key="revoke" variant="danger" data-testid="legacy-auth-confirm" isLoading={busy} isDisabled={busy}
              onClick={revoke}>
              {t("legacyAuthRevoke")}
            </Button>,
            <Button key="cancel" variant="link" onClick={() => setRevoking(undefined)}>{t("cancel")}</Button>,
          ]}
        >
          {t("legacyAuthRevokeTokenConfirm", { name: revoking.description || revoking.id })}
        </Modal>
      )}
    </>
  );
};

const CreateTokenModal = ({ onClose, create }: { onClose: () => void; create: (name: string) => Promise<void> }) => {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!name.trim()) {
      setError(t("legacyAuthKeyNameRequired"));
      return;
    }
    setBusy(true);
    try {
      await create(name.trim());
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal variant={ModalVariant.small} title={t("legacyAuthCreateToken")} isOpen onClose={onClose}
      actions={[
        <Button key="create" type="submit" form="legacy-auth-create-token-form"
          data-testid="legacy-auth-create-token-submit" isLoading={busy} isDisabled={busy}>
          {t("legacyAuthCreate")}
        </Button>,
        <Button key="cancel" variant="link" onClick={onClose}>{t("cancel")}</Button>,
      ]}
    >
      <Form id="legacy-auth-create-token-form" onSubmit={submit}>
        <FormGroup label={t("legacyAuthKeyName")} fieldId="legacy-auth-token-name" isRequired>
          <TextInput id="legacy-auth-token-name" data-testid="legacy-auth-token-name" value={name} isRequired
            maxLength={255} autoFocus validated={error ? "error" : "default"}
            onChange={(_event, value) => (setName(value), setError(undefined))} />
          {error && <FieldError text={error} />}
        </FormGroup>
      </Form>
    </Modal>
  );
};
