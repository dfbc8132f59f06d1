import { Alert, Button, Modal, ModalVariant } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { AccessKey } from "./api";

type Props = {
  accessKey: AccessKey;
  /** Message keys: the dialog's title, its text ({{description}}), the button and the error ({{error}}). */
  messages: { title: string; confirm: string; button: string; error: string };
  danger?: boolean;
  testId: string;
  action: () => Promise<void>;
  onClose: () => void;
};

/** Asks before a key is changed for good (revoked, or given a new secret): what uses it stops working at once. */
export const ConfirmKeyModal = ({ accessKey, messages, danger, testId, action, onClose }: Props) => {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      setProblem(t(messages.error, { error: error instanceof Error ? error.message : String(error) }));
      setBusy(false);
    }
  };

  return (
    <Modal
      variant={ModalVariant.small}
      titleIconVariant="warning"
      title={t(messages.title)}
      isOpen
      onClose={onClose}
      actions={[
        <Button key="confirm" variant={danger ? "danger" : "primary"} data-testid={testId} isLoading={busy}
          isDisabled={busy} onClick={confirm}>
          {t(messages.button)}
        </Button>,
        <Button key="cancel" variant="link" onClick={onClose}>
          {t("cancel")}
        </Button>,
      ]}
    >
      {problem && <Alert variant="danger" isInline title={problem} />}
      {t(messages.confirm, { description: accessKey.description || t("apiAccessKeyUntitled") })}
    </Modal>
  );
};
