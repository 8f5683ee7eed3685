// The dialog every create/edit/confirm form uses: the server's refusal above the fields, then Cancel
// and the submit button. Enter submits; a dangerous step starts on Cancel and has a red button.
import type { ReactNode } from 'react';
import { Alert, Button, Group, Modal, Stack, type ModalProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FormAction } from '../app/form-problem.ts';

interface Props {
  title: string;
  size?: ModalProps['size'];
  form: FormAction;
  submitLabel: string;
  isDanger?: boolean;
  onClose: () => void;
  children: ReactNode;
  /** Shown below the form, outside it (e.g. a further action on the same record). */
  after?: ReactNode;
}

/** A modal form with the error alert and the Cancel / submit footer. */
export function FormDialog({ title, size, form, submitLabel, isDanger = false, onClose, children, after }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={title} size={size} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.run();
        }}
      >
        <Stack>
          {form.problem?.message && (
            <Alert color="red" role="alert">
              {form.problem.message}
            </Alert>
          )}
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus={isDanger || undefined}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={isDanger ? 'red.9' : undefined} loading={form.isBusy}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
      {after}
    </Modal>
  );
}
