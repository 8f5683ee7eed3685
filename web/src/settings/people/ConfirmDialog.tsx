// Asks before a step that is hard to undo (disabling a user, deleting a team or a role); the server's
// refusal, if any, is shown in the dialog itself, so the administrator reads why nothing happened.
import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formProblem } from './admin-api.ts';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  isDanger?: boolean;
  /** Does the step; a thrown error keeps the dialog open with the server's message. */
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}

/** A confirmation dialog that runs the step and reports its error. */
export function ConfirmDialog({ title, children, confirmLabel, isDanger = false, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const confirm = async () => {
    setError(null);
    setIsBusy(true);
    try {
      await onConfirm();
      onClose();
    } catch (caught) {
      setError(formProblem(caught, t('common.error')).message);
    } finally {
      setIsBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={title} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack>
        <Text size="sm">{children}</Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color={isDanger ? 'red.9' : undefined} loading={isBusy} onClick={() => void confirm()}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
