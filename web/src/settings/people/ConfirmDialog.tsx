// Asks before a step that is hard to undo (disabling a user, deleting a team or a role); the server's
// refusal, if any, is shown in the dialog itself, so the administrator reads why nothing happened.
import type { ReactNode } from 'react';
import { Text } from '@mantine/core';
import { useFormAction } from '../../app/form-problem.ts';
import { FormDialog } from '../../components/FormDialog.tsx';

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
  const form = useFormAction(async () => {
    await onConfirm();
    onClose();
  });
  return (
    <FormDialog title={title} form={form} submitLabel={confirmLabel} isDanger={isDanger} onClose={onClose}>
      <Text size="sm">{children}</Text>
    </FormDialog>
  );
}
