import { useEnvironment, type AccountEnvironment } from "@keycloak/keycloak-account-ui";
import { Alert, Button, Modal, ModalVariant } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { revokeKey, type AccessKey } from "./api";

type Props = { accessKey: AccessKey; onClose: () => void; onRevoked: () => void };

/** Asks before a key is revoked: what uses it stops working at once. */
export const RevokeKeyModal = ({ accessKey, onClose, onRevoked }: Props) => {
  const { t } = useTranslation();
  const context = useEnvironment<AccountEnvironment>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const revoke = async () => {
    setBusy(true);
    try {
      await revokeKey(context, accessKey.id);
      onRevoked();
    } catch (error) {
      setProblem(t("apiAccessKeyRevokeError", { error: error instanceof Error ? error.message : String(error) }));
      setBusy(false);
    }
  };

  return (
    <Modal
      variant={ModalVariant.small}
      titleIconVariant="warning"
      title={t("apiAccessKeyRevokeTitle")}
      isOpen
      onClose={onClose}
      actions={[
        <Button key="revoke" variant="danger" data-testid="confirm-revoke" isLoading={busy} isDisabled={busy}
          onClick={revoke}>
          {t("apiAccessKeyRevoke")}
        </Button>,
        <Button key="cancel" variant="link" onClick={onClose}>
          {t("cancel")}
        </Button>,
      ]}
    >
      {problem && <Alert variant="danger" isInline title={problem} />}
      {t("apiAccessKeyRevokeConfirm", { description: accessKey.description || t("apiAccessKeyUntitled") })}
    </Modal>
  );
};
