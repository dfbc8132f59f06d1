import {
  Alert,
  Button,
  EmptyState,
  EmptyStateHeader,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Modal,
  ModalVariant,
  PageSection,
  Spinner,
  Text,
  TextContent,
  TextInput,
  Title,
} from "@patternfly/react-core";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { AdminApiError, describeError, useLegacyAuthApi, type AccessKey } from "./api";
import { KeyTable, ShownOnce } from "./KeyTable";

/**
 * A user's API access keys, on the Credentials tab of the user's page: listed with state and last use,
 * created for the user (shown once), regenerated and revoked.
 */
export const UserKeysSection = ({ realm, userId }: { realm: string; userId: string }) => {
  const { t } = useTranslation();
  const api = useLegacyAuthApi(realm);
  const [keys, setKeys] = useState<AccessKey[]>();
  const [problem, setProblem] = useState<string>();
  const [reload, setReload] = useState(0);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<AccessKey>();
  const base = `users/${encodeURIComponent(userId)}/access-keys`;

  useEffect(() => {
    let live = true;
    api<AccessKey[]>(base)
      .then((loaded) => live && (setKeys(loaded), setProblem(undefined)))
      .catch((error) => live && (setKeys([]), setProblem(describeError(error))));
    return () => {
      live = false;
    };
  }, [api, base, reload]);

  return (
    <PageSection variant="light" data-testid="legacy-auth-user-keys" aria-labelledby="legacy-auth-user-keys-title">
      <Title headingLevel="h2" id="legacy-auth-user-keys-title" className="pf-v5-u-mb-sm">
        {t("legacyAuthAccessKeys")}
      </Title>
      <TextContent className="pf-v5-u-mb-md">
        <Text>{t("legacyAuthUserKeysHelp")}</Text>
      </TextContent>
      <Button data-testid="legacy-auth-create-key" onClick={() => setCreating(true)} className="pf-v5-u-mb-md">
        {t("legacyAuthCreateKey")}
      </Button>
      {problem && <Alert variant="danger" isInline title={problem} />}
      {!keys ? (
        <Spinner aria-label={t("legacyAuthLoading")} />
      ) : keys.length === 0 ? (
        <EmptyState variant="xs">
          <EmptyStateHeader titleText={t("legacyAuthUserNoKeys")} headingLevel="h3" />
        </EmptyState>
      ) : (
        <KeyTable realm={realm} rows={keys.map((key) => ({ key, userId }))} onChanged={() => setReload((n) => n + 1)}
          ariaLabel={t("legacyAuthAccessKeys")} />
      )}
      {creating && (
        <CreateKeyModal
          onClose={() => setCreating(false)}
          create={async (body) => {
            const key = await api<AccessKey>(base, { method: "POST", body: JSON.stringify(body) });
            setCreating(false);
            setCreated(key);
            setReload((n) => n + 1);
          }}
        />
      )}
      {created?.key && <ShownOnce secret={created.key} onClose={() => setCreated(undefined)} />}
    </PageSection>
  );
};

type NewKey = { description: string; expires_at?: string; scopes: string[] };

const CreateKeyModal = ({ onClose, create }: { onClose: () => void; create: (key: NewKey) => Promise<void> }) => {
  const { t } = useTranslation();
  const [description, setDescription] = useState("");
  const [expires, setExpires] = useState("");
  const [scopes, setScopes] = useState("");
  const [errors, setErrors] = useState<{ description?: string; expires?: string; scopes?: string; other?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!description.trim()) {
      setErrors({ description: t("legacyAuthKeyNameRequired") });
      return;
    }
    setBusy(true);
    try {
      await create({
        description: description.trim(),
        expires_at: expires.trim() || undefined,
        scopes: scopes.split(",").map((s) => s.trim()).filter(Boolean),
      });
    } catch (error) {
      const message = describeError(error);
      // the server's refusal, on the field it is about
      const field = error instanceof AdminApiError && /expires_at|lifetime|future/.test(message) ? "expires"
        : /[Ss]cope/.test(message) ? "scopes" : /description/.test(message) ? "description" : "other";
      setErrors({ [field]: message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal variant={ModalVariant.medium} title={t("legacyAuthCreateKey")} isOpen onClose={onClose}
      actions={[
        <Button key="create" type="submit" form="legacy-auth-create-key-form" data-testid="legacy-auth-create-key-submit"
          isLoading={busy} isDisabled={busy}>
          {t("legacyAuthCreate")}
        </Button>,
        <Button key="cancel" variant="link" onClick={onClose}>{t("cancel")}</Button>,
      ]}
    >
      <Form id="legacy-auth-create-key-form" onSubmit={submit}>
        {errors.other && <Alert variant="danger" isInline title={errors.other} />}
        <FormGroup label={t("legacyAuthKeyName")} fieldId="legacy-auth-key-name" isRequired>
          <TextInput id="legacy-auth-key-name" data-testid="legacy-auth-key-name" value={description} isRequired
            maxLength={255} validated={errors.description ? "error" : "default"} autoFocus
            onChange={(_event, value) => (setDescription(value), setErrors({}))} />
          {errors.description && <FieldError text={errors.description} />}
        </FormGroup>
        <FormGroup label={t("legacyAuthKeyExpiresOn")} fieldId="legacy-auth-key-expires">
          <TextInput id="legacy-auth-key-expires" data-testid="legacy-auth-key-expires" type="date" value={expires}
            validated={errors.expires ? "error" : "default"}
            onChange={(_event, value) => (setExpires(value), setErrors({}))} />
          {errors.expires ? <FieldError text={errors.expires} /> : <FieldHelp text={t("legacyAuthKeyExpiresHelp")} />}
        </FormGroup>
        <FormGroup label={t("legacyAuthKeyScopes")} fieldId="legacy-auth-key-scopes">
          <TextInput id="legacy-auth-key-scopes" data-testid="legacy-auth-key-scopes" value={scopes}
            validated={errors.scopes ? "error" : "default"}
            onChange={(_event, value) => (setScopes(value), setErrors({}))} />
          {errors.scopes ? <FieldError text={errors.scopes} /> : <FieldHelp text={t("legacyAuthKeyScopesHelp")} />}
        </FormGroup>
      </Form>
    </Modal>
  );
};

export const FieldError = ({ text }: { text: string }) => (
  <FormHelperText>
    <HelperText>
      <HelperTextItem variant="error" data-testid="legacy-auth-field-error">{text}</HelperTextItem>
    </HelperText>
  </FormHelperText>
);

export const FieldHelp = ({ text }: { text: string }) => (
  <FormHelperText>
    <HelperText>
      <HelperTextItem>{text}</HelperTextItem>
    </HelperText>
  </FormHelperText>
);
