import { useEnvironment, type AccountEnvironment } from "@keycloak/keycloak-account-ui";
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Modal,
  ModalVariant,
  TextInput,
  yyyyMMddFormat,
} from "@patternfly/react-core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { createKey, type AccessKey, type KeyOptions } from "./api";

const MAX_DESCRIPTION_LENGTH = 255;

/** The end of the given day (YYYY-MM-DD) in the browser's time zone, as an ISO instant; or an error key. */
export function endOfDay(value: string): { instant?: string; error?: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) {
    return { error: "apiAccessKeyExpiresInvalid" };
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const end = new Date(year, month - 1, day, 23, 59, 59);
  if (end.getFullYear() !== year || end.getMonth() !== month - 1 || end.getDate() !== day) {
    return { error: "apiAccessKeyExpiresInvalid" };
  }
  if (end.getTime() <= Date.now()) {
    return { error: "apiAccessKeyExpiresPast" };
  }
  return { instant: end.toISOString().replace(/\.\d{3}Z$/, "Z") };
}

/** The expiry choices: preset lifetimes in days (within the realm's maximum), a date, or never when allowed. */
export function expiryChoices(options: KeyOptions): string[] {
  const max = options.max_lifetime_days;
  const days = [7, 30, 90, ...(options.default_lifetime_days ? [options.default_lifetime_days] : []),
    ...(max ? [max] : [])]
    .filter((n, i, all) => (!max || n <= max) && all.indexOf(n) === i)
    .sort((a, b) => a - b);
  return [...days.map(String), "custom", ...(max ? [] : ["never"])];
}

/** The day a lifetime of so many days from now ends on, as YYYY-MM-DD (UTC, as the server reads a date). */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A role description; Keycloak's own roles name a message key instead, as ${role_offline-access}. */
export function describe(description: string | undefined, t: (key: string) => string): string | undefined {
  const key = description && /^\$\{([^}]+)\}$/.exec(description)?.[1];
  return key ? t(key) : description;
}

type Props = {
  options: KeyOptions;
  onClose: () => void;
  onCreated: (key: AccessKey) => void;
};

/** Description, optional expiry, scopes among the user's own roles. */
export const CreateKeyModal = ({ options, onClose, onCreated }: Props) => {
  const { t } = useTranslation();
  const context = useEnvironment<AccountEnvironment>();
  const [description, setDescription] = useState("");
  const [descriptionMissing, setDescriptionMissing] = useState(false);
  const choices = expiryChoices(options);
  const [choice, setChoice] = useState(options.default_lifetime_days ? String(options.default_lifetime_days)
    : choices.includes("never") ? "never" : choices[choices.length - 2]);
  const [expires, setExpires] = useState("");
  const [scopes, setScopes] = useState<string[]>([]);
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);

  const expiry: { instant?: string; error?: string } = choice === "custom"
    ? (expires.trim() ? endOfDay(expires) : { error: "apiAccessKeyExpiresRequired" })
    : choice === "never" ? {} : { instant: daysFromNow(Number(choice)) };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!description.trim()) {
      setDescriptionMissing(true);
      document.getElementById("access-key-description")?.focus();
      return;
    }
    if (expiry.error) {
      setProblem(t(expiry.error));
      return;
    }
    setSaving(true);
    setProblem(undefined);
    try {
      onCreated(await createKey(context, { description: description.trim(), expires_at: expiry.instant, scopes }));
    } catch (error) {
      setProblem(t("apiAccessKeyCreateError", { error: error instanceof Error ? error.message : String(error) }));
    } finally {
      setSaving(false);
    }
  };

  const toggle = (scope: string, checked: boolean) =>
    setScopes((current) => (checked ? [...current, scope] : current.filter((s) => s !== scope)));

  return (
    <Modal
      variant={ModalVariant.medium}
      title={t("apiAccessKeyCreateTitle")}
      isOpen
      onClose={onClose}
      actions={[
        <Button key="create" data-testid="create-access-key-submit" form="create-access-key-form" type="submit"
          isLoading={saving} isDisabled={saving || !!expiry.error}>
          {t("apiAccessKeyCreate")}
        </Button>,
        <Button key="cancel" variant="link" onClick={onClose}>
          {t("cancel")}
        </Button>,
      ]}
    >
      <Form id="create-access-key-form" onSubmit={submit}>
        {problem && <Alert variant="danger" isInline title={problem} data-testid="create-access-key-error" />}
        <FormGroup label={t("apiAccessKeyDescriptionLabel")} fieldId="access-key-description" isRequired>
          <TextInput
            id="access-key-description"
            data-testid="access-key-description"
            value={description}
            maxLength={MAX_DESCRIPTION_LENGTH}
            isRequired
            validated={descriptionMissing ? "error" : "default"}
            aria-describedby="access-key-description-helper"
            onChange={(_event, value) => {
              setDescription(value);
              setDescriptionMissing(false);
            }}
            autoFocus
          />
          <FormHelperText>
            <HelperText id="access-key-description-helper">
              {descriptionMissing ? (
                <HelperTextItem variant="error" data-testid="access-key-description-error">
                  {t("apiAccessKeyDescriptionRequired")}
                </HelperTextItem>
              ) : (
                <HelperTextItem>{t("apiAccessKeyDescriptionHelp")}</HelperTextItem>
              )}
            </HelperText>
          </FormHelperText>
        </FormGroup>
        <FormGroup label={t("apiAccessKeyExpiresLabel")} fieldId="access-key-expiry">
          <FormSelect id="access-key-expiry" data-testid="access-key-expiry" value={choice}
            onChange={(_event, value) => setChoice(value)}>
            {choices.map((value) => (
              <FormSelectOption key={value} value={value} label={
                value === "custom" ? t("apiAccessKeyExpiryCustom")
                  : value === "never" ? t("apiAccessKeyExpiryNever")
                    : t("apiAccessKeyExpiryDays", { count: Number(value), date: daysFromNow(Number(value)) })} />
            ))}
          </FormSelect>
        </FormGroup>
        {choice === "custom" && (
        <FormGroup label={t("apiAccessKeyExpiresOn")} fieldId="access-key-expires">
          <DatePicker
            value={expires}
            dateFormat={yyyyMMddFormat}
            placeholder={t("apiAccessKeyExpiresPlaceholder")}
            onChange={(_event, value) => setExpires(value)}
            inputProps={{ id: "access-key-expires", "data-testid": "access-key-expires",
              "aria-label": t("apiAccessKeyExpiresOn") } as never}
            appendTo="inline"
          />
          <FormHelperText>
            <HelperText>
              <HelperTextItem variant={expiry.error ? "error" : "default"}>
                {expiry.error ? t(expiry.error) : t("apiAccessKeyExpiresHelp")}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
        )}
        {options.max_lifetime_days && (
          <HelperText>
            <HelperTextItem>{t("apiAccessKeyExpiresMax", { days: options.max_lifetime_days })}</HelperTextItem>
          </HelperText>
        )}
        <FormGroup label={t("apiAccessKeyScopesLabel")} role="group" fieldId="access-key-scopes" isStack>
          {options.scopes.map((scope) => (
            <Checkbox
              key={scope.name}
              id={`access-key-scope-${scope.name}`}
              data-testid="access-key-scope"
              data-scope={scope.name}
              label={scope.name}
              description={describe(scope.description, t)}
              isChecked={scopes.includes(scope.name)}
              onChange={(_event, checked) => toggle(scope.name, checked)}
            />
          ))}
          <FormHelperText>
            <HelperText>
              <HelperTextItem>
                {t(options.scopes_limited ? "apiAccessKeyScopesHelpLimited" : "apiAccessKeyScopesHelp")}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
      </Form>
    </Modal>
  );
};
