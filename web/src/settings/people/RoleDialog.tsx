// Creates a role: its key (for the API and imports) and its name in both languages. It starts with
// no permissions; the administrator then ticks what it may do.
import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api.ts';
import { adminPath, formProblem, type FormProblem, type Role } from './admin-api.ts';

/** The new-role dialog; `onCreated` gets the new role so the screen can open it. */
export function RoleDialog({ onCreated, onClose }: { onCreated: (role: Role) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [key, setKey] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [nameZh, setNameZh] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const save = async () => {
    setProblem(null);
    setIsBusy(true);
    try {
      const body = { key: key.trim(), name: { en: nameEn.trim(), 'zh-CN': nameZh.trim() }, permissions: { objects: {}, fields: {} } };
      const { data } = await request<Role>('POST', `${adminPath}/roles`, body);
      await client.invalidateQueries({ queryKey: ['admin', 'roles'] });
      onCreated(data);
    } catch (caught) {
      setProblem(formProblem(caught, t('common.error')));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('settingsPeople.roles.new')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Stack>
          {problem && (
            <Alert color="red" role="alert">
              {problem.message}
            </Alert>
          )}
          <TextInput
            label={t('settingsPeople.roles.key')}
            description={t('settingsPeople.roles.keyHint')}
            withAsterisk
            value={key}
            onChange={(e) => setKey(e.currentTarget.value)}
            error={problem?.fields.key}
            autoComplete="off"
            data-autofocus
          />
          <TextInput label={t('settingsPeople.roles.nameZh')} withAsterisk value={nameZh} onChange={(e) => setNameZh(e.currentTarget.value)} error={problem?.fields['name.zh-CN'] ?? problem?.fields.name} />
          <TextInput label={t('settingsPeople.roles.nameEn')} withAsterisk value={nameEn} onChange={(e) => setNameEn(e.currentTarget.value)} error={problem?.fields['name.en'] ?? problem?.fields.name} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isBusy}>
              {t('settingsPeople.roles.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
