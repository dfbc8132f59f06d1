import {
  ActionGroup,
  Alert,
  Button,
  Form,
  FormGroup,
  FormSection,
  Spinner,
  Switch,
  TextInput,
} from "@patternfly/react-core";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { AdminApiError, describeError, useLegacyAuthApi, type SettingsField, type SettingsPage } from "./api";
import { FieldError, FieldHelp } from "./UserKeysSection";

type Values = Record<string, string | string[] | null>;

/**
 * The realm's one settings object, grouped by scheme: each group led by the switch that turns it on, its
 * fields disabled while it is off, numbers as number fields, and a refusal shown on the field it is about.
 */
export const SettingsTab = ({ realm }: { realm: string }) => {
  const { t } = useTranslation();
  const api = useLegacyAuthApi(realm);
  const [page, setPage] = useState<SettingsPage>();
  const [values, setValues] = useState<Values>({});
  const [problem, setProblem] = useState<{ message: string; field?: string }>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<SettingsPage>("settings")
      .then((loaded) => (setPage(loaded), setValues(loaded.settings)))
      .catch((error) => setProblem({ message: describeError(error) }));
  }, [api]);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setSaved(false);
    try {
      const stored = await api<SettingsPage>("settings", { method: "PUT", body: JSON.stringify({ settings: values }) });
      setPage(stored);
      setValues(stored.settings);
      setProblem(undefined);
      setSaved(true);
    } catch (error) {
      setProblem({ message: describeError(error), field: error instanceof AdminApiError ? error.field : undefined });
      if (error instanceof AdminApiError && error.field) {
        document.getElementById(`legacy-auth-setting-${error.field}`)?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  if (!page) {
    return problem ? <Alert variant="danger" isInline title={problem.message} /> : <Spinner aria-label={t("legacyAuthLoading")} />;
  }

  const set = (name: string, value: string | string[] | null) => {
    setValues((current) => ({ ...current, [name]: value }));
    setSaved(false);
    if (problem?.field === name) setProblem(undefined);
  };

  const field = (item: SettingsField, disabled: boolean) => {
    const id = `legacy-auth-setting-${item.name}`;
    const error = problem?.field === item.name ? problem.message : undefined;
    const value = values[item.name];
    const text = Array.isArray(value) ? value.join(", ") : (value ?? "");
    return (
      <FormGroup key={item.name} label={item.label} fieldId={id}>
        <TextInput
          id={id}
          data-testid={id}
          type={item.type === "Integer" ? "number" : "text"}
          value={text}
          placeholder={item.default ?? undefined}
          isDisabled={disabled}
          validated={error ? "error" : "default"}
          aria-describedby={`${id}-help`}
          onChange={(_event, input) =>
            set(item.name, item.type === "MultivaluedString"
              ? input.split(",").map((s) => s.trim()).filter(Boolean) : input)}
        />
        <div id={`${id}-help`}>
          {error ? <FieldError text={error} /> : item.help && <FieldHelp text={item.help} />}
        </div>
      </FormGroup>
    );
  };

  return (
    <Form onSubmit={save} data-testid="legacy-auth-settings" isWidthLimited>
      {saved && <Alert variant="success" isInline title={t("legacyAuthSettingsSaved")} data-testid="legacy-auth-settings-saved" />}
      {problem && !problem.field && <Alert variant="danger" isInline title={problem.message} />}
      {problem?.field && (
        <Alert variant="danger" isInline title={t("legacyAuthSettingsRefused")} data-testid="legacy-auth-settings-refused" />
      )}
      {page.groups.map((group) => {
        const on = !group.toggle || values[group.toggle] === "true";
        return (
          <FormSection key={group.toggle ?? group.label} title={group.label} titleElement="h2"
            data-testid={`legacy-auth-group-${group.toggle ?? "access"}`}>
            {group.fields.map((item) =>
              item.name === group.toggle || item.type === "boolean" ? (
                <FormGroup key={item.name} fieldId={`legacy-auth-setting-${item.name}`}
                  label={item.name === group.toggle ? undefined : item.label}>
                  <Switch
                    id={`legacy-auth-setting-${item.name}`}
                    data-testid={`legacy-auth-setting-${item.name}`}
                    label={t(item.name === group.toggle ? "legacyAuthSchemeOn" : "legacyAuthOn")}
                    labelOff={t(item.name === group.toggle ? "legacyAuthSchemeOff" : "legacyAuthOff")}
                    aria-label={item.label}
                    isChecked={values[item.name] === "true"}
                    isDisabled={item.name !== group.toggle && !on}
                    onChange={(_event, checked) => set(item.name, checked ? "true" : "false")}
                  />
                  {item.help && <FieldHelp text={item.help} />}
                </FormGroup>
              ) : field(item, !on),
            )}
          </FormSection>
        );
      })}
      <ActionGroup>
        <Button type="submit" data-testid="legacy-auth-settings-save" isLoading={busy} isDisabled={busy}>
          {t("save")}
        </Button>
      </ActionGroup>
    </Form>
  );
};
