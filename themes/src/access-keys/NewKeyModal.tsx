import { Alert, Button, ClipboardCopy, Modal, ModalVariant, Text, TextContent } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

import type { AccessKey } from "./api";

type Props = { accessKey: AccessKey; onClose: () => void };

/**
 * The new key, shown this once: the server keeps only its hash, and the page drops it when the
 * dialog closes.
 */
export const NewKeyModal = ({ accessKey, onClose }: Props) => {
  const { t } = useTranslation();
  return (
    <Modal
      variant={ModalVariant.medium}
      title={t("apiAccessKeyNewTitle")}
      isOpen
      onClose={onClose}
      data-testid="new-access-key-dialog"
      actions={[
        <Button key="done" data-testid="new-access-key-done" onClick={onClose}>
          {t("done")}
        </Button>,
      ]}
    >
      <Alert variant="warning" isInline title={t("apiAccessKeyNewWarning")} />
      <TextContent className="pf-v5-u-my-md">
        <Text>{accessKey.description}</Text>
      </TextContent>
      <ClipboardCopy
        isReadOnly
        data-testid="new-access-key"
        hoverTip={t("apiAccessKeyCopy")}
        clickTip={t("apiAccessKeyCopied")}
        textAriaLabel={t("apiAccessKeyNewTitle")}
      >
        {accessKey.key}
      </ClipboardCopy>
    </Modal>
  );
};
